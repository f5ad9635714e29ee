package com.agentbattles.domain.agent;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/** Facts about agents. Keys appear only as SHA-256 hashes and a short display prefix. */
public final class AgentEvents {

    private AgentEvents() {
    }

    /**
     * @param published whether the owner shows the agent on other accounts' leaderboards; null in
     *                  events recorded before the flag existed, read as false
     */
    @Revision("1")
    public record AgentCreated(String agentId, String accountId, String name, String description,
                               BigDecimal startingBalance, RiskConfig riskConfig, String apiKeyHash,
                               String apiKeyPrefix, boolean defaultAgent, String clonedFrom, Instant createdAt,
                               Boolean published) {

        public AgentCreated(String agentId, String accountId, String name, String description,
                            BigDecimal startingBalance, RiskConfig riskConfig, String apiKeyHash, String apiKeyPrefix,
                            boolean defaultAgent, String clonedFrom, Instant createdAt) {
            this(agentId, accountId, name, description, startingBalance, riskConfig, apiKeyHash, apiKeyPrefix,
                    defaultAgent, clonedFrom, createdAt, false);
        }

        public boolean isPublished() {
            return Boolean.TRUE.equals(published);
        }
    }

    /**
     * The whole new profile. {@code published}: null in events recorded before the flag existed
     * (the flag was then unchanged).
     */
    @Revision("1")
    public record AgentUpdated(String agentId, String accountId, String name, String description,
                               RiskConfig riskConfig, Instant updatedAt, Boolean published) {

        public AgentUpdated(String agentId, String accountId, String name, String description,
                            RiskConfig riskConfig, Instant updatedAt) {
            this(agentId, accountId, name, description, riskConfig, updatedAt, null);
        }
    }

    @Revision("1")
    public record AgentKeyRegenerated(String agentId, String accountId, String previousKeyHash,
                                      String apiKeyHash, String apiKeyPrefix, Instant regeneratedAt) {
    }

    @Revision("1")
    public record AgentReset(String agentId, String accountId, BigDecimal startingBalance, Instant resetAt) {
    }

    @Revision("1")
    public record AgentArchived(String agentId, String accountId, String apiKeyHash, Instant archivedAt) {
    }

    @Revision("1")
    public record AgentDeleted(String agentId, String accountId, String apiKeyHash, Instant deletedAt) {
    }

    @Revision("1")
    public record AgentEnteredBattle(String agentId, String accountId, String battleId, Instant enteredAt) {
    }

    @Revision("1")
    public record AgentLeftBattle(String agentId, String accountId, String battleId, Instant leftAt) {
    }
}
