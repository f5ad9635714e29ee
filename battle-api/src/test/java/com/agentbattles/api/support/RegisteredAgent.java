package com.agentbattles.api.support;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newly registered account's default agent as a client holds it: its key, and the JWT its
 * owner gets by logging in with the key and secret.
 */
public record RegisteredAgent(String accountId, String agentId, ApiClient key, ApiClient jwt) {

    public static RegisteredAgent register(int port, String displayName) {
        ApiClient anonymous = new ApiClient(port);
        var registered = anonymous.post("/auth/register", Map.of("display_name", displayName));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login = anonymous.post("/auth/login",
                Map.of("api_key", registered.field("api_key"), "api_secret", registered.field("api_secret")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new RegisteredAgent(registered.field("account_id"), registered.field("default_agent_id"),
                anonymous.withApiKey(registered.field("api_key")), anonymous.withToken(login.field("token")));
    }
}
