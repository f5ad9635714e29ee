package com.agentbattles.api.agent;

import com.agentbattles.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Another account's agents are invisible, and no bad input gets past validation or causes a 500. */
class AgentIsolationAndBadInputIntegrationTest extends IntegrationTest {

    @Test
    void anotherAccountCannotSeeOrTouchAnAgent() {
        Account alice = register("Alice");
        Account mallory = register("Mallory");
        String agentId = alice.api().post("/agents", Map.of("name", "Secret strategy")).field("agent_id");

        assertThat(mallory.api().get("/agents").json().path("agents").findValuesAsText("agent_id"))
                .containsExactly(mallory.defaultAgentId());
        for (var response : new com.agentbattles.api.support.ApiClient.Response[]{
                mallory.api().get("/agents/" + agentId),
                mallory.api().put("/agents/" + agentId, Map.of("name", "mine now")),
                mallory.api().post("/agents/" + agentId + "/clone"),
                mallory.api().post("/agents/" + agentId + "/reset"),
                mallory.api().post("/agents/" + agentId + "/archive"),
                mallory.api().post("/agents/" + agentId + "/regenerate-key"),
                mallory.api().get("/agents/" + agentId + "/skill.md"),
                mallory.api().delete("/agents/" + agentId)}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("AGENT_NOT_FOUND");
        }
        // nothing changed for the owner
        var mine = alice.api().get("/agents/" + agentId);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.field("name")).isEqualTo("Secret strategy");
        assertThat(mine.field("status")).isEqualTo("active");
    }

    @Test
    void badInputIsAClearJsonErrorNamingTheField() {
        Account alice = register("Alice");
        var api = alice.api();

        expect(api.postRaw("/agents", "{\"name\": \"x\","), 400, "VALIDATION_ERROR", null);
        expect(api.postRaw("/agents", "[1,2]"), 400, "VALIDATION_ERROR", null);
        expect(api.post("/agents", Map.of("starting_balance", "100")), 400, "VALIDATION_ERROR", "name");
        expect(api.post("/agents", Map.of("name", "  ")), 400, "VALIDATION_ERROR", "name");
        expect(api.post("/agents", Map.of("name", "x".repeat(101))), 400, "VALIDATION_ERROR", "name");
        expect(api.post("/agents", Map.of("name", "x", "starting_balance", "-1")), 400, "VALIDATION_ERROR", "starting_balance");
        expect(api.post("/agents", Map.of("name", "x", "starting_balance", "0")), 400, "VALIDATION_ERROR", "starting_balance");
        expect(api.post("/agents", Map.of("name", "x", "starting_balance", "1e15")), 400, "VALIDATION_ERROR", "starting_balance");
        expect(api.post("/agents", Map.of("name", "x", "starting_balance", "0.000000001")), 400, "VALIDATION_ERROR", "starting_balance");
        expect(api.post("/agents", Map.of("name", "x", "starting_balance", "lots")), 400, "VALIDATION_ERROR", "starting_balance");
        expect(api.post("/agents", Map.of("name", "x", "starting_balance", Map.of("a", 1))), 400, "VALIDATION_ERROR", "starting_balance");
        expect(api.post("/agents", Map.of("name", "x", "risk_config", Map.of("max_order_size_pct", 150))), 400,
                "VALIDATION_ERROR", "risk_config.max_order_size_pct");
        expect(api.post("/agents", Map.of("name", "x", "risk_config", Map.of("max_open_orders", 0))), 400,
                "VALIDATION_ERROR", "risk_config.max_open_orders");
        expect(api.post("/agents", Map.of("name", "x", "risk_config", Map.of("max_open_orders", "many"))), 400,
                "VALIDATION_ERROR", "risk_config.max_open_orders");
        expect(api.post("/agents", Map.of("name", "x", "risk_config", "strict")), 400, "VALIDATION_ERROR", "risk_config");
        expect(api.get("/agents/does-not-exist"), 404, "AGENT_NOT_FOUND", null);
        expect(api.post("/agents/does-not-exist/reset"), 404, "AGENT_NOT_FOUND", null);
        expect(api.get("/agents?include_archived=maybe"), 400, "VALIDATION_ERROR", "include_archived");
        expect(api.get("/no/such/endpoint"), 404, "NOT_FOUND", null);

        // none of it created anything
        assertThat(api.get("/agents").json().path("agents")).hasSize(1);
    }

    @Test
    void missingBadOrExpiredCredentialsAreRefused() {
        Account alice = register("Alice");
        expect(anonymous().get("/agents"), 401, "AUTHENTICATION_REQUIRED", null);
        expect(anonymous().withToken("not-a-jwt").get("/agents"), 401, "INVALID_TOKEN", null);
        expect(anonymous().withToken(ExpiredTokens.expiredFor(dataDir(), alice.accountId())).get("/agents"), 401,
                "INVALID_TOKEN", null);
        expect(anonymous().withToken(ExpiredTokens.signedWithAnotherKey(alice.accountId())).get("/agents"), 401,
                "INVALID_TOKEN", null);
        expect(anonymous().withApiKey("ak_live_forged").get("/account/info"), 401, "INVALID_API_KEY", null);
        expect(anonymous().withApiKey(alice.apiKey()).get("/agents"), 403, "PERMISSION_DENIED", null);
        expect(anonymous().post("/auth/login", Map.of("api_key", alice.apiKey(), "api_secret", "sk_live_wrong")), 401,
                "INVALID_API_KEY", null);
        expect(anonymous().post("/auth/login", Map.of("api_key", alice.apiKey())), 400, "VALIDATION_ERROR", "api_secret");
        expect(anonymous().post("/auth/register", Map.of("email", "a@b.co")), 400, "VALIDATION_ERROR", "display_name");
        expect(anonymous().post("/auth/register", Map.of("display_name", "Eve", "email", "not-an-email")), 400,
                "VALIDATION_ERROR", "email");

        // an agent's key logs in only with its owner's secret, and that token is the agent, not the account
        var agent = alice.api().post("/agents", Map.of("name", "a"));
        String agentKey = agent.field("api_key");
        Account mallory = register("Mallory");
        expect(anonymous().post("/auth/login", Map.of("api_key", agentKey, "api_secret", mallory.apiSecret())), 401,
                "INVALID_API_KEY", null);
        var login = anonymous().post("/auth/login", Map.of("api_key", agentKey, "api_secret", alice.apiSecret()));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.field("agent_id")).isEqualTo(agent.field("agent_id"));
        var asAgent = anonymous().withToken(login.field("token"));
        expect(asAgent.get("/agents"), 403, "PERMISSION_DENIED", null);
        assertThat(asAgent.get("/account/info").field("agent_id")).isEqualTo(agent.field("agent_id"));
        assertThat(anonymous().post("/auth/login", Map.of("api_key", alice.apiKey(), "api_secret", alice.apiSecret()))
                .json().path("agent_id").isNull()).as("the account's own key logs in as the account").isTrue();
    }

    private static void expect(com.agentbattles.api.support.ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(response.json().path("error").path("details").path("field").asText()).as(response.toString())
                    .isEqualTo(field);
        }
    }
}
