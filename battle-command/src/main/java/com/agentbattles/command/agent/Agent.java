package com.agentbattles.command.agent;

import com.agentbattles.domain.agent.AgentCommands.ArchiveAgent;
import com.agentbattles.domain.agent.AgentCommands.CreateAgent;
import com.agentbattles.domain.agent.AgentCommands.DeleteAgent;
import com.agentbattles.domain.agent.AgentCommands.EnterBattle;
import com.agentbattles.domain.agent.AgentCommands.LeaveBattle;
import com.agentbattles.domain.agent.AgentCommands.RegenerateAgentKey;
import com.agentbattles.domain.agent.AgentCommands.ResetAgent;
import com.agentbattles.domain.agent.AgentCommands.UpdateAgent;
import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentEnteredBattle;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.domain.agent.AgentEvents.AgentLeftBattle;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import com.agentbattles.command.support.Ownership;
import com.agentbattles.domain.common.OwnedCommand;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * An isolated trading identity with its own key, profile and wallet. Another account's request
 * is refused as "not found" so that agents of others stay invisible. The wallet, its risk
 * profile and its custody by live battles are the {@link AgentWallet} member, which handles the
 * wallet commands once the owner check here has let them through.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Agent {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;

    @AggregateIdentifier
    private String agentId;
    private String accountId;
    private String apiKeyHash;
    private String name;
    private String description;
    private boolean defaultAgent;
    private boolean archived;
    private boolean published;
    /** Running battles the agent trades in; sorted so that error details are deterministic. */
    private final Set<String> activeBattles = new TreeSet<>();
    @AggregateMember
    private final AgentWallet wallet = new AgentWallet();

    protected Agent() {
        // for Axon
    }

    @CommandHandler
    public Agent(CreateAgent command) {
        apply(new AgentCreated(command.agentId(), command.accountId(), name(command.name()),
                description(command.description()),
                Decimals.startingBalance("starting_balance", command.startingBalance()),
                RiskConfig.validated(command.riskConfig()), command.apiKeyHash(), command.apiKeyPrefix(),
                command.defaultAgent(), command.clonedFrom(), command.createdAt(), command.published()));
    }

    /** Another account's agent is invisible; an archived one trades no more. */
    @CommandHandlerInterceptor
    void onlyTheOwner(OwnedCommand command) {
        Ownership.require(accountId, command, () -> new DomainException(ErrorCode.AGENT_NOT_FOUND,
                "agent " + agentId + " not found", Map.of("agent_id", agentId)));
        if (command instanceof PlaceWalletOrder) {
            requireNotArchived();
        }
    }

    @CommandHandler
    public void handle(UpdateAgent command) {
        // the event carries the whole new profile, so readers need no earlier state to apply it
        apply(new AgentUpdated(agentId, accountId,
                command.name() == null ? name : name(command.name()),
                command.description() == null ? description : description(command.description()),
                wallet.riskConfig().mergedWith(command.riskConfig()), command.updatedAt(),
                command.published() == null ? published : command.published()));
    }

    @CommandHandler
    public void handle(RegenerateAgentKey command) {
        requireNotArchived();
        apply(new AgentKeyRegenerated(agentId, accountId, apiKeyHash, command.apiKeyHash(),
                command.apiKeyPrefix(), command.regeneratedAt()));
    }

    @CommandHandler
    public void handle(ResetAgent command) {
        requireNotArchived();
        requireNotInActiveBattle("reset");
        wallet.requireHere();
        BigDecimal balance = Decimals.startingBalance("starting_balance", command.startingBalance());
        apply(new AgentReset(agentId, accountId, balance, command.resetAt()));
    }

    @CommandHandler
    public void handle(ArchiveAgent command) {
        requireNotDefault("archived");
        if (archived) {
            return; // archiving twice is the same as once
        }
        requireNotInActiveBattle("archived");
        apply(new AgentArchived(agentId, accountId, apiKeyHash, command.archivedAt()));
    }

    @CommandHandler
    public void handle(DeleteAgent command) {
        requireNotDefault("deleted");
        requireNotInActiveBattle("deleted");
        apply(new AgentDeleted(agentId, accountId, apiKeyHash, command.deletedAt()));
    }

    @CommandHandler
    public void handle(EnterBattle command) {
        if (activeBattles.contains(command.battleId())) {
            return; // the engagement process may deliver a start twice (e.g. after a crash)
        }
        apply(new AgentEnteredBattle(agentId, accountId, command.battleId(), command.enteredAt()));
    }

    @CommandHandler
    public void handle(LeaveBattle command) {
        if (!activeBattles.contains(command.battleId())) {
            return;
        }
        apply(new AgentLeftBattle(agentId, accountId, command.battleId(), command.leftAt()));
    }

    private void requireNotInActiveBattle(String what) {
        if (!activeBattles.isEmpty()) {
            throw new DomainException(ErrorCode.AGENT_IN_ACTIVE_BATTLE,
                    "agent " + agentId + " cannot be " + what + " while it takes part in a running battle",
                    Map.of("agent_id", agentId, "battle_ids", List.copyOf(activeBattles)));
        }
    }

    private void requireNotArchived() {
        if (archived) {
            throw new DomainException(ErrorCode.AGENT_ARCHIVED, "agent " + agentId + " is archived",
                    Map.of("agent_id", agentId));
        }
    }

    private void requireNotDefault(String what) {
        if (defaultAgent) {
            throw new DomainException(ErrorCode.DEFAULT_AGENT_PROTECTED,
                    "the account's default agent cannot be " + what + ": its key is the account's key",
                    Map.of("agent_id", agentId));
        }
    }

    private static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw Decimals.invalid("name", "is required");
        }
        if (name.length() > MAX_NAME) {
            throw Decimals.invalid("name", "must be at most " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String description(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > MAX_DESCRIPTION) {
            throw Decimals.invalid("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return raw;
    }

    @EventSourcingHandler
    void on(AgentCreated event) {
        agentId = event.agentId();
        accountId = event.accountId();
        apiKeyHash = event.apiKeyHash();
        name = event.name();
        description = event.description();
        defaultAgent = event.defaultAgent();
        published = event.isPublished();
    }

    @EventSourcingHandler
    void on(AgentUpdated event) {
        name = event.name();
        description = event.description();
        if (event.published() != null) {
            published = event.published();
        }
    }

    @EventSourcingHandler
    void on(AgentKeyRegenerated event) {
        apiKeyHash = event.apiKeyHash();
    }

    @EventSourcingHandler
    void on(AgentArchived event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(AgentEnteredBattle event) {
        activeBattles.add(event.battleId());
    }

    @EventSourcingHandler
    void on(AgentLeftBattle event) {
        activeBattles.remove(event.battleId());
    }

    @EventSourcingHandler
    void on(AgentDeleted event) {
        markDeleted();
    }
}
