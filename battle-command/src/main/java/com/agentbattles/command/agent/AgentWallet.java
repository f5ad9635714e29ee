package com.agentbattles.command.agent;

import com.agentbattles.command.trading.OrderOutcomes;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.agent.WalletCommands.CancelOpenWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.CancelWalletOrder;
import com.agentbattles.domain.agent.WalletCommands.ExecuteWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.HandOverWallet;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.agentbattles.domain.agent.WalletCommands.ReturnWallet;
import com.agentbattles.domain.agent.WalletEvents.WalletDayMarked;
import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderRejected;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.agentbattles.engine.TradingRules;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An agent's own wallet, its risk profile and its custody: a sandbox traded at the feed's latest
 * prices, which each command brings along. While a live battle has custody of it (from
 * {@link WalletHandedOver} to {@link WalletReturned}) the agent's orders belong to that battle,
 * so the wallet here does not move and a fresh-mode battle can give back exactly what was set
 * aside. A member of the {@link Agent} aggregate, which checks the owner before any command
 * reaches it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class AgentWallet {

    private String agentId;
    private String accountId;
    private RiskConfig riskConfig;
    private Sandbox sandbox;
    /** The live battle holding the wallet, or null when it is here. */
    private String custodian;
    private WalletMode custodyMode;

    AgentWallet() {
        // for Axon and snapshots
    }

    @CommandHandler
    OrderOutcome handle(PlaceWalletOrder command) {
        requireHere();
        OrderRequest request = command.order();
        Instant now = command.requestedAt();
        PriceBoard prices = board(command.quotes());
        // the battle's rule of the daily loss, fed like a battle feeds it: the day's first mark
        // (here the day's first order, at the prices it came with) is recorded, so a replay decides alike
        sandbox.dayMarkDue(now, prices).ifPresent(equity ->
                apply(new WalletDayMarked(agentId, accountId, now, equity, command.quotes())));
        return OrderOutcomes.record(sandbox.decide(request, rules(command.quotes()), prices, now),
                request, agentId, 0, now, facts(now), event -> apply(event));
    }

    @CommandHandler
    void handle(CancelWalletOrder command) {
        requireHere();
        if (sandbox.openOrder(command.orderId()).isEmpty()) {
            throw new DomainException(ErrorCode.ORDER_NOT_FOUND, "no open order " + command.orderId(),
                    Map.of("order_id", String.valueOf(command.orderId())));
        }
        apply(new WalletOrderCancelled(agentId, accountId, command.orderId(), "requested", command.requestedAt()));
    }

    @CommandHandler
    int handle(CancelOpenWalletOrders command) {
        requireHere();
        List<RestingOrder> open = sandbox.openOrders();
        for (RestingOrder order : open) {
            apply(new WalletOrderCancelled(agentId, accountId, order.orderId(), "requested", command.requestedAt()));
        }
        return open.size();
    }

    /** Resting orders meet the feed's ticks in order; a wallet in a battle's custody has none here that may fill. */
    @CommandHandler
    void handle(ExecuteWalletOrders command) {
        if (custodian != null || sandbox.openOrders().isEmpty()) {
            return;
        }
        TradingRules rules = rules(command.ticks());
        for (Quote tick : command.ticks()) {
            // each tick is decided on the wallet as the earlier ticks left it
            for (Execution execution : sandbox.executionsOn(tick, rules)) {
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
    void handle(HandOverWallet command) {
        if (command.battleId().equals(custodian)) {
            return; // the custody process may deliver a start twice (e.g. after a crash)
        }
        if (custodian != null) {
            throw new DomainException(ErrorCode.WALLET_IN_BATTLE, "the wallet of agent " + agentId
                    + " is already in battle " + custodian, Map.of("agent_id", agentId, "battle_id", custodian));
        }
        apply(new WalletHandedOver(agentId, accountId, command.battleId(), command.walletMode(), sandbox.holdings(),
                command.at()));
    }

    @CommandHandler
    void handle(ReturnWallet command) {
        if (!command.battleId().equals(custodian)) {
            return; // already back: a redelivered end of battle changes nothing
        }
        WalletHoldings back = custodyMode == WalletMode.FRESH || command.closedHoldings() == null
                ? sandbox.holdings() : command.closedHoldings();
        apply(new WalletReturned(agentId, accountId, custodian, custodyMode, back, command.at()));
    }

    /** Orders go to the battle holding the wallet, never here. */
    void requireHere() {
        if (custodian != null) {
            throw new DomainException(ErrorCode.WALLET_IN_BATTLE, "the wallet of agent " + agentId
                    + " is in live battle " + custodian + "; its orders go there",
                    Map.of("agent_id", agentId, "battle_id", custodian));
        }
    }

    RiskConfig riskConfig() {
        return riskConfig;
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

    /** An own wallet has no clock of steps: every order is at step 0. */
    private OrderOutcomes.OrderFacts facts(Instant now) {
        return new OrderOutcomes.OrderFacts() {
            @Override
            public Object placed(RestingOrder order, String rationale) {
                return new WalletOrderPlaced(agentId, accountId, order, rationale);
            }

            @Override
            public Object filled(Fill fill, String rationale) {
                return new WalletOrderFilled(agentId, accountId, fill, rationale);
            }

            @Override
            public Object rejected(OrderRequest request, ErrorCode code, String reason) {
                return new WalletOrderRejected(agentId, accountId, request, code, reason, now);
            }
        };
    }

    @EventSourcingHandler
    void on(AgentCreated event) {
        agentId = event.agentId();
        accountId = event.accountId();
        riskConfig = event.riskConfig();
        sandbox = new Sandbox(event.startingBalance());
    }

    @EventSourcingHandler
    void on(AgentUpdated event) {
        riskConfig = event.riskConfig();
    }

    @EventSourcingHandler
    void on(AgentReset event) {
        sandbox = new Sandbox(event.startingBalance());
    }

    @EventSourcingHandler
    void on(WalletDayMarked event) {
        sandbox.dayMarked(event.markedAt(), event.equity());
    }

    @EventSourcingHandler
    void on(WalletOrderPlaced event) {
        sandbox.placed(event.order());
    }

    @EventSourcingHandler
    void on(WalletOrderFilled event) {
        sandbox.filled(event.fill());
    }

    @EventSourcingHandler
    void on(WalletOrderCancelled event) {
        sandbox.cancelled(event.orderId());
    }

    @EventSourcingHandler
    void on(WalletHandedOver event) {
        custodian = event.battleId();
        custodyMode = event.walletMode();
    }

    @EventSourcingHandler
    void on(WalletReturned event) {
        if (custodyMode == WalletMode.EXISTING) {
            sandbox = Sandbox.holding(event.holdings());
        } // a fresh-mode wallet never moved, so it already is what was set aside
        custodian = null;
        custodyMode = null;
    }
}
