package com.agentbattles.domain.agent;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/** Facts about agents. Keys appear only as SHA-256 hashes and a short display prefix. */
public final class AgentEvents {

    private AgentEvents() {
    }

    @Revision("1")
    public record AgentCreated(String agentId, String accountId, String name, String description,
                               BigDecimal startingBalance, RiskConfig riskConfig, String apiKeyHash,
                               String apiKeyPrefix, boolean defaultAgent, String clonedFrom, Instant createdAt) {
    }

    @Revision("1")
    public record AgentUpdated(String agentId, String accountId, String name, String description,
                               RiskConfig riskConfig, Instant updatedAt) {
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
}
