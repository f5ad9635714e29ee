package com.agentbattles.command.battle;

import com.agentbattles.domain.battle.LiveBattleCommands.RecordWalletRefused;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned;
import com.agentbattles.command.PublishedPayloads;
import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.battle.LiveBattleCommands.ExecuteBattleOrders;
import com.agentbattles.domain.battle.LiveBattleCommands.ProvisionParticipantWallet;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.agentbattles.command.battle.BattleFixtures.AGENT_A;
import static com.agentbattles.command.battle.BattleFixtures.AGENT_B;
import static com.agentbattles.command.battle.BattleFixtures.BATTLE;
import static com.agentbattles.command.battle.BattleFixtures.OWNER;
import static com.agentbattles.command.battle.BattleFixtures.QUICK;
import static com.agentbattles.command.battle.BattleFixtures.T0;
import static com.agentbattles.command.battle.BattleFixtures.added;
import static com.agentbattles.command.battle.BattleFixtures.append;
import static com.agentbattles.command.battle.BattleFixtures.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live battle in the aggregate: wallets provisioned by the custody process, orders decided at
 * the prices their command brings, price updates filling resting orders, snapshots that record
 * the prices they valued at, survival, the deadline and the stop. Axon's check that the events
 * alone rebuild the decided state stays on for every test.
 */
class LiveBattleTest {

    static final String BTC = "BTCUSDT";
    static final String SOL = "SOLUSDT";
    static final Instant START = T0.plusSeconds(60);
    static final Instant DEADLINE = START.plus(Duration.ofMinutes(60));
    static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");

    private FixtureConfiguration<Battle> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Battle.class);
    }

    static Quote btc(String price, Instant at) {
        return new Quote(BTC, new BigDecimal(price), new BigDecimal("1000000"), at);
    }

    static Object[] started(BattleConfig config) {
        return new Object[]{created(config), added(AGENT_A), added(AGENT_B),
                new BattleStarted(BATTLE, OWNER, config, List.of(AGENT_A, AGENT_B), null, Map.of(),
                        Duration.ofSeconds(5), START)};
    }

    static Object[] withWallets(BattleConfig config) {
        return append(started(config),
                new ParticipantWalletProvisioned(BATTLE, OWNER, AGENT_A, WalletHoldings.cashOnly(TEN_THOUSAND), START),
                new ParticipantWalletProvisioned(BATTLE, OWNER, AGENT_B, WalletHoldings.cashOnly(TEN_THOUSAND), START));
    }

    static PlaceBattleOrder order(String agentId, OrderRequest request, Quote quote) {
        return new PlaceBattleOrder(BATTLE, OWNER, agentId, request, List.of(quote), quote.time());
    }

    static OrderRequest marketBuy(String id, String symbol, String quantity) {
        return new OrderRequest(id, symbol, OrderSide.BUY, OrderType.MARKET, new BigDecimal(quantity), null, null);
    }

    /** A's fill of a market buy of 10 BTC at 100 (slippage at its 0.01 % floor): what the aggregate decided. */
    private Fill boughtTenBtc() {
        PublishedPayloads captured = new PublishedPayloads();
        fixture.given(withWallets(QUICK))
                .when(order(AGENT_A, marketBuy("buy-1", BTC, "10"), btc("100", START.plusSeconds(1))))
                .expectEventsMatching(captured);
        return ((OrderFilled) captured.payloads().get(0)).fill();
    }

    @Test
    void provisioningOpensTheWalletOnceEvenWhenDeliveredTwice() {
        ParticipantWalletProvisioned provisioned =
                new ParticipantWalletProvisioned(BATTLE, OWNER, AGENT_A, WalletHoldings.cashOnly(TEN_THOUSAND), START);
        fixture.given(started(QUICK))
                .when(new ProvisionParticipantWallet(BATTLE, AGENT_A, WalletHoldings.cashOnly(TEN_THOUSAND), START))
                .expectEvents(provisioned);
        fixture.given(append(started(QUICK), provisioned))
                .when(new ProvisionParticipantWallet(BATTLE, AGENT_A, WalletHoldings.cashOnly(TEN_THOUSAND), START))
                .expectNoEvents();
    }

    /** B's wallet was refused to the battle (it was in another one): recorded, and B never trades or counts. */
    @Test
    void aParticipantWhoseWalletWasRefusedIsRecordedAsNotProvisionedAndNeverTrades() {
        String reason = "the wallet of agent " + AGENT_B + " is already in battle other";
        ParticipantNotProvisioned refused = new ParticipantNotProvisioned(BATTLE, OWNER, AGENT_B,
                ErrorCode.WALLET_IN_BATTLE, reason, START);
        Object[] oneWallet = append(started(QUICK),
                new ParticipantWalletProvisioned(BATTLE, OWNER, AGENT_A, WalletHoldings.cashOnly(TEN_THOUSAND), START));
        fixture.given(oneWallet)
                .when(new RecordWalletRefused(BATTLE, AGENT_B, ErrorCode.WALLET_IN_BATTLE, reason, START))
                .expectEvents(refused);
        // told twice, or after the wallet did arrive, nothing more happens
        fixture.given(append(oneWallet, refused))
                .when(new RecordWalletRefused(BATTLE, AGENT_B, ErrorCode.WALLET_IN_BATTLE, reason, START))
                .expectNoEvents();
        fixture.given(oneWallet)
                .when(new RecordWalletRefused(BATTLE, AGENT_A, ErrorCode.WALLET_IN_BATTLE, reason, START))
                .expectNoEvents();

        fixture.given(append(oneWallet, refused))
                .when(order(AGENT_B, marketBuy("buy-1", BTC, "1"), btc("100", START.plusSeconds(1))))
                .expectException(DomainRefusal.refusal(ErrorCode.PARTICIPANT_NOT_PROVISIONED,
                        Map.of("battle_id", BATTLE, "agent_id", AGENT_B)))
                .expectNoEvents();
        Instant at = START.plusSeconds(5);
        fixture.given(append(oneWallet, refused))
                .when(new CaptureLiveSnapshot(BATTLE, List.of(btc("100", at)), at))
                .expectEvents(new LiveSnapshotTaken(BATTLE, OWNER, 1, at, List.of(btc("100", at)), List.of(
                        new Valuation(AGENT_A, new BigDecimal("10000.00000000"), new BigDecimal("10000.00000000"), 0))));
    }

    @Test
    void aMarketOrderFillsAtTheQuoteItCameWithPlusSlippageAndFee() {
        Fill fill = boughtTenBtc();
        // slippage = 0.1 × 1000 / 1 000 000 = 0.01 % → 100.01; notional 1000.1; fee 0.1 % = 1.0001
        assertThat(fill.referencePrice()).isEqualByComparingTo("100");
        assertThat(fill.price()).isEqualByComparingTo("100.01");
        assertThat(fill.fee()).isEqualByComparingTo("1.0001");
        assertThat(fill.total()).isEqualByComparingTo("1001.1001");
        assertThat(fill.executedAt()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void aPairOutsideTheBattlesPairsIsRefused() {
        OrderRequest sol = marketBuy("sol-1", SOL, "1");
        Quote solQuote = new Quote(SOL, new BigDecimal("20"), new BigDecimal("1000000"), START.plusSeconds(1));
        fixture.given(withWallets(QUICK))
                .when(order(AGENT_A, sol, solQuote))
                .expectEvents(new OrderRejected(BATTLE, OWNER, AGENT_A, sol, ErrorCode.PAIR_NOT_ALLOWED,
                        "this battle trades BTCUSDT, ETHUSDT only", 0, START.plusSeconds(1)))
                .expectResultMessagePayloadMatching(rejection(ErrorCode.PAIR_NOT_ALLOWED));
    }

    @Test
    void aPausedParticipantCannotTrade() {
        OrderRequest buy = marketBuy("buy-1", BTC, "1");
        fixture.given(append(withWallets(QUICK),
                        new ParticipantPaused(BATTLE, OWNER, AGENT_A, BattleStatus.PAUSED, START)))
                .when(order(AGENT_A, buy, btc("100", START.plusSeconds(1))))
                .expectResultMessagePayloadMatching(rejection(ErrorCode.PARTICIPANT_PAUSED));
    }

    @Test
    void aSnapshotValuesEveryActiveWalletAtItsPricesAndRecordsThem() {
        Fill fill = boughtTenBtc();
        Instant at = START.plusSeconds(5);
        Quote quote = btc("110", at);
        Quote eth = new Quote("ETHUSDT", new BigDecimal("10"), null, at);
        // A: cash 10000 − 1001.1001 = 8998.8999, plus 10 BTC × 110 = 10098.8999
        fixture.given(append(withWallets(QUICK), new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 0)))
                .when(new CaptureLiveSnapshot(BATTLE, List.of(quote, eth,
                        new Quote(SOL, BigDecimal.ONE, null, at)), at))
                .expectEvents(new LiveSnapshotTaken(BATTLE, OWNER, 1, at, List.of(quote, eth), List.of(
                        new Valuation(AGENT_A, new BigDecimal("10098.89990000"), new BigDecimal("8998.89990000"), 1),
                        new Valuation(AGENT_B, new BigDecimal("10000.00000000"), new BigDecimal("10000.00000000"), 0))));
    }

    @Test
    void aRestingLimitBuyFillsOnThePriceUpdateThatReachesIt() {
        PublishedPayloads placed = new PublishedPayloads();
        OrderRequest bid = new OrderRequest("bid-1", BTC, OrderSide.BUY, OrderType.LIMIT, BigDecimal.ONE,
                new BigDecimal("95"), null);
        fixture.given(withWallets(QUICK))
                .when(order(AGENT_A, bid, btc("100", START.plusSeconds(1))))
                .expectEventsMatching(placed);
        RestingOrder resting = ((OrderPlaced) placed.payloads().get(0)).order();

        PublishedPayloads filled = new PublishedPayloads();
        fixture.given(append(withWallets(QUICK), new OrderPlaced(BATTLE, OWNER, AGENT_A, resting, 0)))
                .when(new ExecuteBattleOrders(BATTLE, List.of(btc("97", START.plusSeconds(2)),
                        btc("94.5", START.plusSeconds(3)), btc("93", START.plusSeconds(4)))))
                .expectEventsMatching(filled);
        assertThat(filled.payloads()).singleElement().isInstanceOfSatisfying(OrderFilled.class, event -> {
            assertThat(event.agentId()).isEqualTo(AGENT_A);
            assertThat(event.fill().orderId()).isEqualTo("bid-1");
            // the first update at or under the limit fills it, at the better of limit and price
            assertThat(event.fill().price()).isEqualByComparingTo("94.5");
            assertThat(event.fill().executedAt()).isEqualTo(START.plusSeconds(3));
        });
    }

    @Test
    void atTheDeadlineTheBattleIsValuedAtTheDeadlineClosedAndRanked() {
        Fill fill = boughtTenBtc();
        Instant late = DEADLINE.plusSeconds(3); // the clock ticked a little after the deadline
        PublishedPayloads events = new PublishedPayloads();
        fixture.given(append(withWallets(QUICK), new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 0)))
                .when(new CaptureLiveSnapshot(BATTLE, List.of(btc("120", late)), late))
                .expectEventsMatching(events);
        List<Object> payloads = events.payloads();
        assertThat(payloads.get(0)).isInstanceOfSatisfying(LiveSnapshotTaken.class,
                snapshot -> assertThat(snapshot.takenAt()).isEqualTo(DEADLINE));
        assertThat(payloads.get(1)).isInstanceOfSatisfying(OrderFilled.class, closeOut -> {
            assertThat(closeOut.agentId()).isEqualTo(AGENT_A);
            assertThat(closeOut.fill().side()).isEqualTo(OrderSide.SELL);
            assertThat(closeOut.fill().referencePrice()).isEqualByComparingTo("120");
        });
        assertThat(payloads.subList(2, 4)).allSatisfy(closed -> assertThat(closed).isInstanceOf(ParticipantWalletClosed.class));
        assertThat(payloads.get(4)).isInstanceOfSatisfying(BattleStopped.class, stopped -> {
            assertThat(stopped.stoppedAt()).isEqualTo(DEADLINE);
            assertThat(stopped.rankings()).extracting(r -> r.agentId()).containsExactly(AGENT_A, AGENT_B);
            assertThat(stopped.rankings().get(0).totalTrades()).isEqualTo(2);
        });
        assertThat(payloads).hasSize(5);
    }

    @Test
    void aSnapshotBeforeTheDeadlineLeavesTheBattleRunning() {
        Instant at = DEADLINE.minusSeconds(1);
        fixture.given(withWallets(QUICK))
                .when(new CaptureLiveSnapshot(BATTLE, List.of(btc("100", at)), at))
                .expectEventsMatching(new PublishedPayloads())
                .expectState(battle -> assertThat(battle.state().status()).isEqualTo(BattleStatus.ACTIVE));
    }

    @Test
    void aSurvivorIsDecidedWhenTheOtherFallsToTheLossLimit() {
        BattleConfig survival = new BattleConfig("survival", QUICK.battleMode(), QUICK.rankingMetric(), TEN_THOUSAND,
                null, QUICK.walletMode(), QUICK.candleInterval(), QUICK.pairs(), null, null, new BigDecimal("20"),
                QUICK.fees());
        PublishedPayloads bought = new PublishedPayloads();
        fixture.given(withWallets(survival))
                .when(order(AGENT_A, marketBuy("buy-1", BTC, "24"), btc("100", START.plusSeconds(1))))
                .expectEventsMatching(bought);
        Fill fill = ((OrderFilled) bought.payloads().get(0)).fill();

        // BTC falls from 100 to 0.5: A's 24 BTC (2400 USDT, within the 25 % position limit) lose ~2390,
        // leaving ~7610, under the limit of 10000 × (1 − 20 %) = 8000
        Instant at = START.plusSeconds(10);
        PublishedPayloads events = new PublishedPayloads();
        fixture.given(append(withWallets(survival), new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 0)))
                .when(new CaptureLiveSnapshot(BATTLE, List.of(btc("0.5", at)), at))
                .expectEventsMatching(events);
        assertThat(events.payloads()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ParticipantEliminated.class,
                eliminated -> assertThat(eliminated.agentId()).isEqualTo(AGENT_A)));
        assertThat(events.payloads().get(events.payloads().size() - 1)).isInstanceOfSatisfying(BattleStopped.class,
                stopped -> assertThat(stopped.rankings().get(0).agentId()).isEqualTo(AGENT_B));
    }

    @Test
    void aStopTakesALastSnapshotAndSellsPositionsAtTheStopsPrices() {
        Fill fill = boughtTenBtc();
        Instant at = START.plusSeconds(30);
        PublishedPayloads events = new PublishedPayloads();
        fixture.given(append(withWallets(QUICK), new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 0)))
                .when(new StopBattle(BATTLE, OWNER, List.of(btc("105", at)), at))
                .expectEventsMatching(events);
        List<Object> payloads = events.payloads();
        assertThat(payloads.get(0)).isInstanceOf(LiveSnapshotTaken.class);
        assertThat(payloads.get(1)).isInstanceOfSatisfying(OrderFilled.class,
                sold -> assertThat(sold.fill().referencePrice()).isEqualByComparingTo("105"));
        assertThat(payloads).filteredOn(ParticipantWalletClosed.class::isInstance).hasSize(2)
                .allSatisfy(closed -> assertThat(((ParticipantWalletClosed) closed).holdings().positions()).isEmpty());
        assertThat(payloads.get(payloads.size() - 1)).isInstanceOf(BattleStopped.class);
    }

    @Test
    void anExistingModeBattleEndsWithoutSellingTheAgentsOwnHoldings() {
        BattleConfig existing = new BattleConfig(QUICK.preset(), QUICK.battleMode(), QUICK.rankingMetric(),
                TEN_THOUSAND, QUICK.durationMinutes(), com.agentbattles.domain.battle.WalletMode.EXISTING,
                QUICK.candleInterval(), QUICK.pairs(), null, null, null, QUICK.fees());
        // A brings 1 SOL bought at 20 (a coin the battle does not trade) and 5,000 USDT
        WalletHoldings own = new WalletHoldings(TEN_THOUSAND, new BigDecimal("5000"), BigDecimal.ZERO,
                List.of(new WalletHoldings.Holding(SOL, BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("20"),
                        new BigDecimal("0.02"), START)), List.of(), BigDecimal.ZERO, new BigDecimal("0.02"));
        Instant at = START.plusSeconds(30);
        PublishedPayloads events = new PublishedPayloads();
        fixture.given(append(started(existing),
                        new ParticipantWalletProvisioned(BATTLE, OWNER, AGENT_A, own, START),
                        new ParticipantWalletProvisioned(BATTLE, OWNER, AGENT_B, WalletHoldings.cashOnly(TEN_THOUSAND), START)))
                .when(new StopBattle(BATTLE, OWNER, List.of(btc("100", at)), at))
                .expectEventsMatching(events);
        assertThat(events.payloads()).noneMatch(OrderFilled.class::isInstance);
        assertThat(events.payloads()).filteredOn(ParticipantWalletClosed.class::isInstance)
                .first().satisfies(closed -> assertThat(((ParticipantWalletClosed) closed).holdings())
                        .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .isEqualTo(own));
        // no price was ever recorded for SOL: A is ranked with it at cost (5,000 + 20), not dropped
        assertThat(events.payloads().get(events.payloads().size() - 1)).isInstanceOfSatisfying(BattleStopped.class,
                stopped -> assertThat(stopped.rankings()).filteredOn(r -> r.agentId().equals(AGENT_A)).singleElement()
                        .satisfies(r -> assertThat(r.finalEquity()).isEqualByComparingTo("5020")));
    }

    @Test
    void aCancelHandsBackWhatEachWalletHoldsWithoutSellingIt() {
        Fill fill = boughtTenBtc();
        PublishedPayloads events = new PublishedPayloads();
        fixture.given(append(withWallets(QUICK), new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 0)))
                .when(new CancelBattle(BATTLE, OWNER, START.plusSeconds(30)))
                .expectEventsMatching(events);
        assertThat(events.payloads()).hasSize(3);
        assertThat(events.payloads().get(0)).isInstanceOfSatisfying(ParticipantWalletClosed.class, closed -> {
            assertThat(closed.agentId()).isEqualTo(AGENT_A);
            assertThat(closed.holdings().positions()).singleElement()
                    .satisfies(held -> assertThat(held.quantity()).isEqualByComparingTo("10"));
        });
        assertThat(events.payloads().get(2)).isInstanceOf(BattleCancelled.class);
    }

    @Test
    void anOpenOrderCanBeCancelledInALiveBattle() {
        RestingOrder bid = new RestingOrder("bid-1", BTC, OrderSide.BUY, OrderType.LIMIT, BigDecimal.ONE,
                new BigDecimal("95"), null, new BigDecimal("95.09500000"), START);
        Instant at = START.plusSeconds(2);
        fixture.given(append(withWallets(QUICK), new OrderPlaced(BATTLE, OWNER, AGENT_A, bid, 0)))
                .when(new CancelBattleOrder(BATTLE, OWNER, AGENT_A, "bid-1", at))
                .expectEvents(new OrderCancelled(BATTLE, OWNER, AGENT_A, "bid-1", "requested", 0, at));
    }

    @Test
    void commandsOfTheClockAndRelayAreIgnoredOnceTheBattleIsOver() {
        Instant at = START.plusSeconds(30);
        Object[] stopped = append(withWallets(QUICK), new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE,
                List.of(AGENT_A, AGENT_B), List.of(), "digest", at));
        fixture.given(stopped)
                .when(new CaptureLiveSnapshot(BATTLE, List.of(btc("100", at)), at.plusSeconds(5)))
                .expectNoEvents();
        fixture.given(stopped)
                .when(new ExecuteBattleOrders(BATTLE, List.of(btc("100", at))))
                .expectNoEvents();
    }

    private static org.hamcrest.Matcher<Object> rejection(ErrorCode code) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof OrderOutcome outcome && outcome.rejection() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an order outcome rejected with " + code);
            }
        };
    }
}
