package com.agentbattles.api.security;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;

/**
 * Who is calling: an account through its JWT, or one agent through that agent's API key (or a
 * JWT issued for that key, which acts exactly as the key: see {@link TokenService#callerOf}).
 *
 * @param agentId the agent the key belongs to; null for an account's JWT
 */
public record Caller(String accountId, String agentId, Method method) {

    public enum Method { JWT, API_KEY }

    public static Caller jwt(String accountId) {
        return new Caller(accountId, null, Method.JWT);
    }

    public static Caller apiKey(String accountId, String agentId) {
        return new Caller(accountId, agentId, Method.API_KEY);
    }

    /** Account-level management (agents, battles) needs the account's JWT, not an agent's key. */
    public Caller requireJwt() {
        if (method != Method.JWT) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "this endpoint needs a JWT (Authorization: Bearer); an agent API key is not accepted here");
        }
        return this;
    }
}
