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
import com.agentbattles.domain.agent.WalletCommands.CancelOpenWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.CancelWalletOrder;
import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.HandOverWallet;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.agentbattles.domain.agent.WalletCommands.ReturnWallet;
import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderRejected;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.OrderDecision;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.agentbattles.engine.TradingRules;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * An isolated trading identity with its own key, risk profile and wallet. Another account's
 * request is refused as "not found" so that agents of others stay invisible.
 * <p>
 * The wallet is a sandbox traded at the feed's latest prices, which each command brings along.
 * While a live battle has custody of it (from {@link WalletHandedOver} to {@link WalletReturned})
 * the agent's orders belong to that battle, so the wallet here does not move and a fresh-mode
 * battle can give back exactly what was set aside.
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
    private RiskConfig riskConfig;
    private boolean defaultAgent;
    private boolean archived;
    /** Running battles the agent trades in; sorted so that error details are deterministic. */
    private final Set<String> activeBattles = new TreeSet<>();
    private Sandbox wallet;
    /** The live battle holding the wallet, or null when it is here. */
    private String custodian;
    private WalletMode custodyMode;

    protected Agent() {
        // for Axon
    }

    @CommandHandler
    public Agent(CreateAgent command) {
        apply(new AgentCreated(command.agentId(), command.accountId(), name(command.name()),
                description(command.description()),
                Decimals.startingBalance("starting_balance", command.startingBalance()),
                RiskConfig.validated(command.riskConfig()), command.apiKeyHash(), command.apiKeyPrefix(),
                command.defaultAgent(), command.clonedFrom(), command.createdAt()));
    }

    @CommandHandler
    public void handle(UpdateAgent command) {
        requireOwner(command.accountId());
        // the event carries the whole new profile, so readers need no earlier state to apply it
        apply(new AgentUpdated(agentId, accountId,
                command.name() == null ? name : name(command.name()),
                command.description() == null ? description : description(command.description()),
                riskConfig.mergedWith(command.riskConfig()), command.updatedAt()));
    }

    @CommandHandler
    public void handle(RegenerateAgentKey command) {
        requireOwner(command.accountId());
        requireNotArchived();
        apply(new AgentKeyRegenerated(agentId, accountId, apiKeyHash, command.apiKeyHash(),
                command.apiKeyPrefix(), command.regeneratedAt()));
    }

    @CommandHandler
    public void handle(ResetAgent command) {
        requireOwner(command.accountId());
        requireNotArchived();
        requireNotInActiveBattle("reset");
        requireWalletHere();
        BigDecimal balance = Decimals.startingBalance("starting_balance", command.startingBalance());
        apply(new AgentReset(agentId, accountId, balance, command.resetAt()));
    }

    @CommandHandler
    public void handle(ArchiveAgent command) {
        requireOwner(command.accountId());
        requireNotDefault("archived");
        if (archived) {
            return; // archiving twice is the same as once
        }
        requireNotInActiveBattle("archived");
        apply(new AgentArchived(agentId, accountId, apiKeyHash, command.archivedAt()));
    }

    @CommandHandler
    public void handle(DeleteAgent command) {
        requireOwner(command.accountId());
        requireNotDefault("deleted");
        requireNotInActiveBattle("deleted");
        apply(new AgentDeleted(agentId, accountId, apiKeyHash, command.deletedAt()));
    }

    @CommandHandler
    public void handle(EnterBattle command) {
        requireOwner(command.accountId());
        if (activeBattles.contains(command.battleId())) {
            return; // the engagement process may deliver a start twice (e.g. after a crash)
        }
        apply(new AgentEnteredBattle(agentId, accountId, command.battleId(), command.enteredAt()));
    }

    @CommandHandler
    public void handle(LeaveBattle command) {
        requireOwner(command.accountId());
        if (!activeBattles.contains(command.battleId())) {
            return;
        }
        apply(new AgentLeftBattle(agentId, accountId, command.battleId(), command.leftAt()));
    }

    @CommandHandler
    public OrderOutcome handle(PlaceWalletOrder command) {
        requireOwner(command.accountId());
        requireNotArchived();
        requireWalletHere();
        OrderRequest request = command.order();
        Instant now = command.requestedAt();
        OrderDecision decision = wallet.decide(request, rules(command.quotes()), board(command.quotes()), now);
        if (decision instanceof OrderDecision.Rests rests) {
            apply(new WalletOrderPlaced(agentId, accountId, rests.order()));
            return new OrderOutcome(request.orderId(), agentId, "open", request, rests.order(), null, null, null, 0, now);
        }
        if (decision instanceof OrderDecision.FillsNow fills) {
            apply(new WalletOrderFilled(agentId, accountId, fills.fill()));
            return new OrderOutcome(request.orderId(), agentId, "filled", request, null, fills.fill(), null, null, 0, now);
        }
        OrderDecision.Rejected rejected = (OrderDecision.Rejected) decision;
        apply(new WalletOrderRejected(agentId, accountId, request, rejected.code(), rejected.message(), now));
        return new OrderOutcome(request.orderId(), agentId, "rejected", request, null, null, rejected.code(),
                rejected.message(), 0, now);
    }

    @CommandHandler
    public void handle(CancelWalletOrder command) {
        requireOwner(command.accountId());
        requireWalletHere();
        if (wallet.openOrder(command.orderId()).isEmpty()) {
            throw new DomainException(ErrorCode.ORDER_NOT_FOUND, "no open order " + command.orderId(),
                    Map.of("order_id", String.valueOf(command.orderId())));
        }
        apply(new WalletOrderCancelled(agentId, accountId, command.orderId(), "requested", command.requestedAt()));
    }

    @CommandHandler
    public int handle(CancelOpenWalletOrders command) {
        requireOwner(command.accountId());
        requireWalletHere();
        List<RestingOrder> open = wallet.openOrders();
        for (RestingOrder order : open) {
            apply(new WalletOrderCancelled(agentId, accountId, order.orderId(), "requested", command.requestedAt()));
        }
        return open.size();
    }

    /** Resting orders meet the feed's ticks in order; a wallet in a battle's custody has none here that may fill. */
    @CommandHandler
    public void handle(ExecuteWalletOrders command) {
        if (custodian != null || wallet.openOrders().isEmpty()) {
            return;
        }
        TradingRules rules = rules(command.ticks());
        for (Quote tick : command.ticks()) {
            // each tick is decided on the wallet as the earlier ticks left it
            for (Execution execution : wallet.executionsOn(tick, rules)) {
                if (execution instanceof Execution.Filled filled) {
                    apply(new WalletOrderFilled(agentId, accountId, filled.fill()));
                } else if (execution instanceof Execution.Cancelled cancelled) {
                    apply(new WalletOrderCancelled(agentId, accountId, cancelled.orderId(),
                            cancelled.code().name().toLowerCase(Locale.ROOT), tick.time()));
                }
            }
        }
    }

    @CommandHandler
    public void handle(HandOverWallet command) {
        requireOwner(command.accountId());
        if (command.battleId().equals(custodian)) {
            return; // the custody process may deliver a start twice (e.g. after a crash)
        }
        if (custodian != null) {
            throw new DomainException(ErrorCode.WALLET_IN_BATTLE, "the wallet of agent " + agentId
                    + " is already in battle " + custodian, Map.of("agent_id", agentId, "battle_id", custodian));
        }
        apply(new WalletHandedOver(agentId, accountId, command.battleId(), command.walletMode(), wallet.holdings(),
                command.at()));
    }

    @CommandHandler
    public void handle(ReturnWallet command) {
        requireOwner(command.accountId());
        if (!command.battleId().equals(custodian)) {
            return; // already back: a redelivered end of battle changes nothing
        }
        WalletHoldings back = custodyMode == WalletMode.FRESH || command.closedHoldings() == null
                ? wallet.holdings() : command.closedHoldings();
        apply(new WalletReturned(agentId, accountId, custodian, custodyMode, back, command.at()));
    }

    private void requireWalletHere() {
        if (custodian != null) {
            throw new DomainException(ErrorCode.WALLET_IN_BATTLE, "the wallet of agent " + agentId
                    + " is in live battle " + custodian + "; its orders go there",
                    Map.of("agent_id", agentId, "battle_id", custodian));
        }
    }

    /** The pairs the server offers are the ones it sent prices for. */
    private TradingRules rules(List<Quote> quotes) {
        return new TradingRules(quotes.stream().map(Quote::symbol).distinct().toList(), FeeSchedule.defaults(), riskConfig);
    }

    private static PriceBoard board(List<Quote> quotes) {
        PriceBoard board = new PriceBoard();
        quotes.forEach(board::update);
        return board;
    }

    private void requireNotInActiveBattle(String what) {
        if (!activeBattles.isEmpty()) {
            throw new DomainException(ErrorCode.AGENT_IN_ACTIVE_BATTLE,
                    "agent " + agentId + " cannot be " + what + " while it takes part in a running battle",
                    Map.of("agent_id", agentId, "battle_ids", List.copyOf(activeBattles)));
        }
    }

    private void requireOwner(String requester) {
        if (!accountId.equals(requester)) {
            throw new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found",
                    Map.of("agent_id", agentId));
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
        riskConfig = event.riskConfig();
        defaultAgent = event.defaultAgent();
        wallet = new Sandbox(event.startingBalance());
    }

    @EventSourcingHandler
    void on(AgentReset event) {
        wallet = new Sandbox(event.startingBalance());
    }

    @EventSourcingHandler
    void on(WalletOrderPlaced event) {
        wallet.placed(event.order());
    }

    @EventSourcingHandler
    void on(WalletOrderFilled event) {
        wallet.filled(event.fill());
    }

    @EventSourcingHandler
    void on(WalletOrderCancelled event) {
        wallet.cancelled(event.orderId());
    }

    @EventSourcingHandler
    void on(WalletHandedOver event) {
        custodian = event.battleId();
        custodyMode = event.walletMode();
    }

    @EventSourcingHandler
    void on(WalletReturned event) {
        if (custodyMode == WalletMode.EXISTING) {
            wallet = Sandbox.holding(event.holdings());
        } // a fresh-mode wallet never moved, so it already is what was set aside
        custodian = null;
        custodyMode = null;
    }

    @EventSourcingHandler
    void on(AgentUpdated event) {
        name = event.name();
        description = event.description();
        riskConfig = event.riskConfig();
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
