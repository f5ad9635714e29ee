package com.agentbattles.query.wallet;

import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderRejected;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.support.AgentFacts;
import com.agentbattles.query.support.BattleFacts;
import com.agentbattles.query.support.ProjectionFixture;
import com.agentbattles.query.wallet.AgentTradingReadModel.CurrentWallet;
import com.agentbattles.query.wallet.AgentTradingReadModel.Order;
import com.agentbattles.query.wallet.AgentTradingReadModel.Session;
import com.agentbattles.query.wallet.AgentTradingReadModel.SessionFill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static com.agentbattles.query.support.BattleFacts.STARTED_AT;
import static com.agentbattles.query.support.BattleFacts.fill;
import static com.agentbattles.query.support.BattleFacts.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** An agent's live trading: its own wallet, its wallets in live battles, their orders and fills. */
class AgentTradingProjectionTest {

    private static final Instant AT = AgentFacts.CREATED_AT.plusSeconds(60);

    private final AgentFacts agent = new AgentFacts("agent-1", "acc-1");
    private final BattleFacts live = BattleFacts.live("battle-1", "acc-1", WalletMode.FRESH);
    private final BattleFacts historical = BattleFacts.historical("battle-2", "acc-1");

    private final ProjectionFixture fixture = ProjectionFixture.of(new AgentTradingProjection(ProjectionFixture.jdbc()));
    private final AgentTradingReadModel trading = new AgentTradingReadModel(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aNewAgentsWalletHoldsItsStartingBalance() {
        fixture.given(agent.created("Momentum", "1000"));

        CurrentWallet wallet = trading.currentWallet("agent-1").orElseThrow();
        assertThat(wallet.inBattle()).isFalse();
        assertThat(wallet.accountId()).isEqualTo("acc-1");
        assertThat(wallet.holdings().cash()).isEqualByComparingTo("1000");
        assertThat(wallet.holdings().positions()).isEmpty();
    }

    @Test
    void aRestingOrderLocksItsCostUntilItFillsIntoAPosition() {
        fixture.given(agent.created("Momentum", "1000"),
                new WalletOrderPlaced("agent-1", "acc-1", limitBuy("o-1", "0.01", "20000", AT)));

        WalletHoldings placed = holdings();
        assertThat(placed.cash()).isEqualByComparingTo("800");
        assertThat(placed.lockedCash()).isEqualByComparingTo("200");
        assertThat(trading.openOrders("agent-1")).extracting(Order::orderId).containsExactly("o-1");

        fixture.given(new WalletOrderFilled("agent-1", "acc-1",
                fill("o-1", OrderSide.BUY, OrderType.LIMIT, "0.01", "20000", null, AT.plusSeconds(30))));

        WalletHoldings filled = holdings();
        assertThat(filled.cash()).isEqualByComparingTo("799.8"); // 1000 − 200 − 0.2 fee
        assertThat(filled.lockedCash()).isEqualByComparingTo("0");
        assertThat(filled.positions()).singleElement().satisfies(held ->
                assertThat(held.quantity()).isEqualByComparingTo("0.01"));
        Order order = trading.order("agent-1", "o-1").orElseThrow();
        assertThat(order.status()).isEqualTo("filled");
        assertThat(order.executedPrice()).isEqualByComparingTo("20000");
        assertThat(order.fee()).isEqualByComparingTo("0.2");
        assertThat(order.filledAt()).isEqualTo(AT.plusSeconds(30));
        assertThat(trading.trades("agent-1", null, 10, 0)).extracting(AgentTradingReadModel.Trade::orderId)
                .containsExactly("o-1");
    }

    @Test
    void aRedeliveredFillIsAppliedToTheWalletOnce() {
        var filled = new WalletOrderFilled("agent-1", "acc-1",
                fill("m-1", OrderSide.BUY, OrderType.MARKET, "0.01", "20000", null, AT));
        fixture.given(agent.created("Momentum", "1000"), filled, filled);

        assertThat(holdings().cash()).isEqualByComparingTo("799.8");
        assertThat(trading.orders("agent-1", null, null, 10, 0)).extracting(Order::orderId, Order::status)
                .containsExactly(tuple("m-1", "filled"));
    }

    @Test
    void cancelledRejectedAndResetOrders() {
        fixture.given(agent.created("Momentum", "1000"),
                new WalletOrderPlaced("agent-1", "acc-1", limitBuy("o-1", "0.01", "20000", AT)),
                new WalletOrderPlaced("agent-1", "acc-1", limitBuy("o-2", "0.01", "19000", AT)),
                new WalletOrderCancelled("agent-1", "acc-1", "o-1", "requested", AT.plusSeconds(1)),
                new WalletOrderRejected("agent-1", "acc-1", new OrderRequest("r-1", "BTCUSDT", OrderSide.BUY,
                        OrderType.MARKET, new BigDecimal("9"), null, null), ErrorCode.INSUFFICIENT_BALANCE,
                        "not enough cash", AT.plusSeconds(2)));
        assertThat(holdings().lockedCash()).isEqualByComparingTo("190");

        fixture.given(agent.reset("500", 5));

        assertThat(holdings().cash()).isEqualByComparingTo("500");
        assertThat(holdings().lockedCash()).isEqualByComparingTo("0");
        assertThat(trading.orders("agent-1", null, null, 10, 0))
                .extracting(Order::orderId, Order::status, Order::rejectCode)
                .containsExactly(tuple("r-1", "rejected", "INSUFFICIENT_BALANCE"), tuple("o-2", "cancelled", null),
                        tuple("o-1", "cancelled", null));
        assertThat(trading.ownWalletsWithOpenOrders(java.util.List.of("BTCUSDT"))).isEmpty();
    }

    @Test
    void inALiveBattleTheAgentTradesTheBattlesWalletThenGetsItsOwnBack() {
        WalletHoldings own = WalletHoldings.cashOnly(new BigDecimal("1000"));
        WalletHoldings provided = WalletHoldings.cashOnly(new BigDecimal("10000"));
        fixture.given(agent.created("Momentum", "1000"), live.started(0, "agent-1"),
                new WalletHandedOver("agent-1", "acc-1", "battle-1", WalletMode.FRESH, own, STARTED_AT),
                live.provisioned("agent-1", provided),
                live.placed("agent-1", limitBuy("b-1", "0.1", "20000", STARTED_AT.plusSeconds(1)), 0),
                live.filled("agent-1", fill("b-2", OrderSide.BUY, OrderType.MARKET, "0.1", "20000", null,
                        STARTED_AT.plusSeconds(2)), 0));

        CurrentWallet inBattle = trading.currentWallet("agent-1").orElseThrow();
        assertThat(inBattle.battleId()).isEqualTo("battle-1");
        assertThat(inBattle.holdings().cash()).isEqualByComparingTo("5998"); // 10000 − 2000 locked − 2002 spent
        assertThat(trading.orders("agent-1", null, null, 10, 0)).extracting(Order::orderId, Order::battleId)
                .containsExactlyInAnyOrder(tuple("b-1", "battle-1"), tuple("b-2", "battle-1"));

        fixture.given(live.walletClosed("agent-1", inBattle.holdings()),
                new WalletReturned("agent-1", "acc-1", "battle-1", WalletMode.FRESH, own, STARTED_AT.plusSeconds(3600)));

        CurrentWallet back = trading.currentWallet("agent-1").orElseThrow();
        assertThat(back.inBattle()).isFalse();
        assertThat(back.holdings().cash()).isEqualByComparingTo("1000");
        assertThat(trading.orders("agent-1", null, null, 10, 0)).as("its own wallet's orders").isEmpty();
        assertThat(trading.order("agent-1", "b-1").orElseThrow().status())
                .as("a battle's resting order ends with the battle").isEqualTo("cancelled");
    }

    @Test
    void aHistoricalBattlesOrdersAreNotTheAgentsOwn() {
        fixture.given(agent.created("Momentum", "1000"), historical.started(60, "agent-1"),
                historical.placed("agent-1", limitBuy("h-1", "0.1", "20000", BattleFacts.stepTime(1)), 1),
                historical.filled("agent-1", fill("h-2", OrderSide.BUY, OrderType.MARKET, "0.1", "20000", null,
                        BattleFacts.stepTime(1)), 1));

        assertThat(fixture.count("agent_order")).isZero();
        assertThat(fixture.count("agent_trade")).isZero();
        assertThat(fixture.count("agent_trading_live_battle")).isZero();
    }

    @Test
    void theResetHandlerEmptiesEveryTableAndAReplayGivesTheSameRows() {
        fixture.given(agent.created("Momentum", "1000"),
                new WalletOrderPlaced("agent-1", "acc-1", limitBuy("o-1", "0.01", "20000", AT)),
                new WalletOrderFilled("agent-1", "acc-1", fill("o-1", OrderSide.BUY, OrderType.LIMIT, "0.01", "20000", null, AT)),
                live.started(0, "agent-1"),
                new WalletHandedOver("agent-1", "acc-1", "battle-1", WalletMode.FRESH,
                        WalletHoldings.cashOnly(new BigDecimal("1000")), STARTED_AT),
                live.provisioned("agent-1", WalletHoldings.cashOnly(new BigDecimal("10000"))),
                live.placed("agent-1", limitBuy("b-1", "0.1", "20000", STARTED_AT.plusSeconds(1)), 0),
                live.filled("agent-1", fill("b-1", OrderSide.BUY, OrderType.LIMIT, "0.1", "20000", null,
                        STARTED_AT.plusSeconds(2)), 0));
        var tables = java.util.List.of("agent_wallet", "agent_battle_wallet", "agent_order", "agent_trade",
                "agent_trading_live_battle");
        assertThat(tables).allSatisfy(table -> assertThat(fixture.count(table)).as(table).isPositive());

        fixture.reset();
        assertThat(tables).allSatisfy(table -> assertThat(fixture.count(table)).as(table + " after the reset").isZero());

        fixture.replay();
        fixture.assertReplayReproducesEveryRow();
    }

    @Test
    void aSessionStartsAtTheCreationAndAtEveryResetAndOnlyItsOwnFillsAreItsFills() {
        fixture.given(agent.created("Momentum", "1000"));
        Session first = trading.session("agent-1").orElseThrow();
        assertThat(UUID.fromString(first.sessionId())).isNotNull();
        assertThat(first.startedAt()).isEqualTo(AgentFacts.CREATED_AT);

        Instant resetAt = AgentFacts.CREATED_AT.plusSeconds(60L * 10);
        fixture.given(new WalletOrderFilled("agent-1", "acc-1",
                        fill("o-1", OrderSide.BUY, OrderType.MARKET, "0.01", "20000", null, AT)),
                agent.reset("500", 10),
                new WalletOrderFilled("agent-1", "acc-1",
                        fill("o-2", OrderSide.BUY, OrderType.MARKET, "0.01", "20000", null, resetAt.plusSeconds(60))),
                new WalletOrderFilled("agent-1", "acc-1",
                        fill("o-3", OrderSide.SELL, OrderType.MARKET, "0.01", "21000", "9.59", resetAt.plusSeconds(7200))));

        Session second = trading.session("agent-1").orElseThrow();
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(second.startedAt()).isEqualTo(resetAt);
        assertThat(second.ownWallet().startingBalance()).isEqualByComparingTo("500");
        assertThat(trading.sessionFills("agent-1", second, null, null)).extracting(SessionFill::orderId)
                .as("the fill before the reset belongs to the first session").containsExactly("o-2", "o-3");
        assertThat(trading.sessionFills("agent-1", second, resetAt.plusSeconds(3600), null))
                .singleElement().satisfies(fill -> {
                    assertThat(fill.orderId()).isEqualTo("o-3");
                    assertThat(fill.realizedPnl()).isEqualByComparingTo("9.59");
                    assertThat(fill.fee()).isEqualByComparingTo("0.21");
                });
        assertThat(trading.sessionFills("agent-1", second, null, resetAt.plusSeconds(3600)))
                .extracting(SessionFill::orderId).containsExactly("o-2");

        // the ids come from the log alone: a rebuild gives the same ones
        fixture.assertReplayReproducesEveryRow();
        assertThat(trading.session("agent-1").orElseThrow().sessionId()).isEqualTo(second.sessionId());
    }

    private WalletHoldings holdings() {
        return trading.currentWallet("agent-1").orElseThrow().holdings();
    }
}
