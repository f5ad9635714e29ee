package com.agentbattles.domain.agent;

import java.math.BigDecimal;
import java.time.Instant;

/** Questions about agents, always asked on behalf of one account. */
public final class AgentQueries {

    private AgentQueries() {
    }

    /** One of the account's agents; answers empty for an unknown or someone else's agent. */
    public record FindAgent(String accountId, String agentId) {
    }

    public record ListAgents(String accountId, boolean includeArchived) {
    }

    /**
     * The active agents a leaderboard may show to this account: its own, and those other owners
     * published. Nothing else of another account.
     */
    public record ListRankableAgents(String accountId) {
    }

    public record AgentView(String agentId, String accountId, String name, String description,
                            BigDecimal startingBalance, RiskConfig riskConfig, String apiKeyPrefix,
                            String status, boolean defaultAgent, String clonedFrom, int resetCount,
                            Instant lastResetAt, Instant createdAt, Instant updatedAt, boolean published) {

        public AgentView(String agentId, String accountId, String name, String description,
                         BigDecimal startingBalance, RiskConfig riskConfig, String apiKeyPrefix, String status,
                         boolean defaultAgent, String clonedFrom, int resetCount, Instant lastResetAt,
                         Instant createdAt, Instant updatedAt) {
            this(agentId, accountId, name, description, startingBalance, riskConfig, apiKeyPrefix, status,
                    defaultAgent, clonedFrom, resetCount, lastResetAt, createdAt, updatedAt, false);
        }
    }
}
