package com.agentbattles.domain.agent;

import com.agentbattles.domain.common.OwnedCommand;
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
                              String clonedFrom, Instant createdAt, boolean published) {

        public CreateAgent(String agentId, String accountId, String name, String description,
                           BigDecimal startingBalance, RiskConfig riskConfig, String apiKeyHash, String apiKeyPrefix,
                           boolean defaultAgent, String clonedFrom, Instant createdAt) {
            this(agentId, accountId, name, description, startingBalance, riskConfig, apiKeyHash, apiKeyPrefix,
                    defaultAgent, clonedFrom, createdAt, false);
        }
    }

    public record UpdateAgent(@TargetAggregateIdentifier String agentId, String accountId, String name,
                              String description, RiskConfig riskConfig, Instant updatedAt,
                              Boolean published) implements OwnedCommand {

        /** @param published null leaves it as it is */
        public UpdateAgent(String agentId, String accountId, String name, String description, RiskConfig riskConfig,
                           Instant updatedAt) {
            this(agentId, accountId, name, description, riskConfig, updatedAt, null);
        }
    }

    public record RegenerateAgentKey(@TargetAggregateIdentifier String agentId, String accountId,
                                     String apiKeyHash, String apiKeyPrefix, Instant regeneratedAt) implements OwnedCommand {
    }

    public record ResetAgent(@TargetAggregateIdentifier String agentId, String accountId,
                             BigDecimal startingBalance, Instant resetAt) implements OwnedCommand {
    }

    public record ArchiveAgent(@TargetAggregateIdentifier String agentId, String accountId, Instant archivedAt) implements OwnedCommand {
    }

    public record DeleteAgent(@TargetAggregateIdentifier String agentId, String accountId, Instant deletedAt) implements OwnedCommand {
    }

    /**
     * Records that the agent trades in a running battle; while it does, it cannot be archived or
     * deleted. Sent by the battle engagement process, idempotent (entering twice is entering once).
     */
    public record EnterBattle(@TargetAggregateIdentifier String agentId, String accountId, String battleId,
                              Instant enteredAt) implements OwnedCommand {
    }

    /** The battle ended (stopped or cancelled); idempotent like {@link EnterBattle}. */
    public record LeaveBattle(@TargetAggregateIdentifier String agentId, String accountId, String battleId,
                              Instant leftAt) implements OwnedCommand {
    }
}
