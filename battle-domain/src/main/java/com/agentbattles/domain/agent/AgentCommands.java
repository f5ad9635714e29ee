package com.agentbattles.domain.agent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What can be asked of an agent. Each command names the account asking, so the aggregate itself
 * refuses another owner's request (as "not found": others' agents are invisible).
 */
public final class AgentCommands {

    private AgentCommands() {
    }

    public record CreateAgent(@TargetAggregateIdentifier String agentId, String accountId, String name,
                              String description, BigDecimal startingBalance, RiskConfig riskConfig,
                              String apiKeyHash, String apiKeyPrefix, boolean defaultAgent,
                              String clonedFrom, Instant createdAt) {
    }

    public record UpdateAgent(@TargetAggregateIdentifier String agentId, String accountId, String name,
                              String description, RiskConfig riskConfig, Instant updatedAt) {
    }

    public record RegenerateAgentKey(@TargetAggregateIdentifier String agentId, String accountId,
                                     String apiKeyHash, String apiKeyPrefix, Instant regeneratedAt) {
    }

    public record ResetAgent(@TargetAggregateIdentifier String agentId, String accountId,
                             BigDecimal startingBalance, Instant resetAt) {
    }

    public record ArchiveAgent(@TargetAggregateIdentifier String agentId, String accountId, Instant archivedAt) {
    }

    public record DeleteAgent(@TargetAggregateIdentifier String agentId, String accountId, Instant deletedAt) {
    }
}
