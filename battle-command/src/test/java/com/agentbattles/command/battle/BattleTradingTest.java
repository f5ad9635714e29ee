package com.agentbattles.command.battle;

import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.battle.WalletMode;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.engine.Sandbox;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import com.agentbattles.command.battle.core.TradingFloor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static com.agentbattles.command.battle.BattleFixtures.*;
import static com.agentbattles.command.battle.DomainRefusal.illegalTransition;
import static com.agentbattles.command.battle.DomainRefusal.invalidField;
import static com.agentbattles.command.battle.DomainRefusal.refusal;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every trading transition and refusal of a historical battle, given/when/expect, on a tiny
 * hand-made market: two pairs, 1m candles, a 3-step window (and a 4th candle past its end).
 * Costs are the default schedule (docs: spec "Trading rules"): fee 0.1 % of notional,
 * slippage = clamp(0.1 × notional / candle quote volume, 0.01 %, 10 %) against the taker;
 * every amount rounds half-even to 8 dp, executed prices round against the taker to 8 dp.
 * Risk defaults: an order ≤ 50 % of equity, a position ≤ 25 % of equity.
 */
class BattleTradingTest {

    static final String BTC = "BTCUSDT";
    static final String ETH = "ETHUSDT";
    static final Instant S = Instant.parse("2025-01-15T00:00:00Z");
    static final Instant S1 = S.plusSeconds(60);
    static final Instant S2 = S.plusSeconds(120);
    static final Instant S3 = S.plusSeconds(180);
    static final Instant S4 = S.plusSeconds(240);
    static final Instant REQUESTED = Instant.parse("2026-03-01T12:00:00Z");
    static final BigDecimal START = new BigDecimal("10000");

    static final BattleConfig CONFIG = config(RankingMetric.ROI_PCT);

    // Quote volumes are 100 000 USDT, so slippage = 0.1 × notional / 100 000 = notional / 1 000 000.
    /** Step 1 (open S): both pairs. */
    static final Candle BTC_1 = candle(BTC, S, "100", "110", "95", "100");
    static final Candle ETH_1 = candle(ETH, S, "10", "11", "9", "10");
    /** Step 2 (open S+1m): BTC only, ETH has no candle; the low reaches 90, the high 101. */
    static final Candle BTC_2 = candle(BTC, S1, "98", "101", "90", "95");
    /** Step 3 (open S+2m), the last step of the window. */
    static final Candle BTC_3 = candle(BTC, S2, "96", "120", "80", "105");
    static final Candle ETH_3 = candle(ETH, S2, "10", "12", "9", "11");
    /** Past the window: a battle of 3 steps must never record it. */
    static final Candle BTC_4 = candle(BTC, S3, "105", "106", "104", "105");
    static final Candle ETH_4 = candle(ETH, S3, "11", "11", "11", "11");

    private FixtureConfiguration<Battle> fixture;
    private InMemoryCandles candles;

    @BeforeEach
    void setUp() {
        candles = new InMemoryCandles(List.of(BTC_1, ETH_1, BTC_2, BTC_3, ETH_3, BTC_4, ETH_4));
        fixture = newFixture(candles);
    }

    // ---------------------------------------------------------------- fixtures of this test

    /**
     * Axon's illegal-state-change check stays on: after every command it compares the working
     * aggregate with one sourced from the events (sandboxes and trackers compare by state), so
     * every test here also proves that the events alone rebuild the decided state.
     */
    static FixtureConfiguration<Battle> newFixture(BattleCandles source) {
        AggregateTestFixture<Battle> fixture = new AggregateTestFixture<>(Battle.class);
        fixture.registerInjectableResource(source);
        return fixture;
    }

    static BattleConfig config(RankingMetric metric) {
        return new BattleConfig("historical_day", BattleMode.HISTORICAL, metric, START, 3L, WalletMode.FRESH,
                CandleInterval.ONE_MINUTE, List.of(BTC, ETH), S, S3, null, FeeSchedule.defaults());
    }

    static Candle candle(String symbol, Instant openTime, String open, String high, String low, String close) {
        return new Candle(symbol, CandleInterval.ONE_MINUTE, openTime, new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), new BigDecimal("1000"), new BigDecimal("100000"), 500);
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** A 3-step historical battle of agents A and B, started, still at step 0. */
    static Object[] startedBattle(BattleConfig config) {
        HistoricalStart historical = new HistoricalStart(S, S3, CandleInterval.ONE_MINUTE, List.of(BTC, ETH), 3,
                "fingerprint");
        return new Object[]{new BattleCreated(BATTLE, OWNER, "Replay", config, null, T0), added(AGENT_A),
                added(AGENT_B), new BattleStarted(BATTLE, OWNER, config, List.of(AGENT_A, AGENT_B), historical,
                Map.of(), null, T1)};
    }

    static Object[] started() {
        return startedBattle(CONFIG);
    }

    static Valuation untouched(String agentId) {
        return new Valuation(agentId, d("10000.00000000"), d("10000.00000000"), 0);
    }

    static BattleStepped stepped1() {
        return new BattleStepped(BATTLE, OWNER, 1, 3, S1, List.of(BTC_1, ETH_1),
                List.of(untouched(AGENT_A), untouched(AGENT_B)));
    }

    static Object[] atStep1() {
        return append(started(), stepped1());
    }

    /**
     * A's market buy of 10 BTC after step 1 (close 100):
     * slippage = 10 × 100 / 1 000 000 = 0.001 (0.1 %) → price 100 × 1.001 = 100.1;
     * notional 10 × 100.1 = 1001; fee 1001 × 0.1 % = 1.001; total 1002.001.
     */
    static final Fill BUY_10_BTC = new Fill("buy-1", BTC, OrderSide.BUY, OrderType.MARKET, d("10"), d("100"),
            d("100.10000000"), d("0.10000000"), d("1.00100000"), d("1002.00100000"), null, S1);

    /** After step 1 A holds 10 BTC (avg 100.1, buy fees 1.001) and 10000 − 1002.001 = 8997.999 USDT. */
    static Object[] holdingAtStep1() {
        return append(atStep1(), new OrderFilled(BATTLE, OWNER, AGENT_A, BUY_10_BTC, 1));
    }

    /** Step 2 as the aggregate records it for A holding 10 BTC: 8997.999 + 10 × 95 = 9947.999. */
    static Object[] holdingAtStep2() {
        return append(holdingAtStep1(), new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2),
                List.of(new Valuation(AGENT_A, d("9947.99900000"), d("8997.99900000"), 1), untouched(AGENT_B))));
    }

    /** A limit buy of 1 BTC at 50 (never reached): locks 50 + 0.05 fee = 50.05. */
    static final RestingOrder LOW_BID = new RestingOrder("bid-1", BTC, OrderSide.BUY, OrderType.LIMIT, d("1"), d("50"),
            null, d("50.05000000"), S2);

    static OrderRequest market(String id, String symbol, OrderSide side, String quantity) {
        return new OrderRequest(id, symbol, side, OrderType.MARKET, d(quantity), null, null);
    }

    static OrderRequest limit(String id, OrderSide side, String quantity, String price) {
        return new OrderRequest(id, BTC, side, OrderType.LIMIT, d(quantity), d(price), null);
    }

    static OrderRequest triggered(String id, OrderType type, String quantity, String trigger) {
        return new OrderRequest(id, BTC, OrderSide.SELL, type, d(quantity), null, d(trigger));
    }

    static PlaceBattleOrder place(String agentId, OrderRequest order) {
        return new PlaceBattleOrder(BATTLE, OWNER, agentId, order, REQUESTED);
    }

    static StepBattle step(int steps) {
        return new StepBattle(BATTLE, OWNER, steps, null, REQUESTED);
    }

    static OrderRejected rejected(OrderRequest order, ErrorCode code, String reason, long step, Instant at) {
        return new OrderRejected(BATTLE, OWNER, AGENT_A, order, code, reason, step, at);
    }

    static OrderOutcome rejectedOutcome(OrderRequest order, ErrorCode code, String reason, long step, Instant at) {
        return new OrderOutcome(order.orderId(), AGENT_A, "rejected", order, null, null, code, reason, step, at);
    }

    @SuppressWarnings("unchecked")
    static Matcher<Object> exactly(Object expected) {
        return (Matcher<Object>) (Matcher<?>) Matchers.equalTo(expected);
    }

    /** The events of a command: the exact ones first, then a BattleStopped checked by {@code stopped}. */
    @SafeVarargs
    static Matcher<List<? super EventMessage<?>>> endingWithStop(Matcher<Object> stopped, Object... exactBefore) {
        List<Matcher<Object>> all = new ArrayList<>();
        for (Object event : exactBefore) {
            all.add(exactly(event));
        }
        all.add(stopped);
        all.add(andNoMore());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<List<? super EventMessage<?>>> matcher = (Matcher) payloadsMatching(
                exactSequenceOf(all.toArray(Matcher[]::new)));
        return matcher;
    }

    /**
     * A BattleStopped with this previous status and time, both agents released, rankings in
     * {@code order} with these final equities and trade counts, and the digest of those rankings.
     */
    static Matcher<Object> stopped(BattleStatus previous, Instant at, List<String> order, List<String> equities,
                                   List<Long> trades) {
        return described("BattleStopped ranking " + order + " at equities " + equities + " and trades " + trades,
                event -> event instanceof BattleStopped s
                        && s.previousStatus() == previous && s.stoppedAt().equals(at)
                        && s.releasedAgentIds().equals(List.of(AGENT_A, AGENT_B))
                        && s.rankings().stream().map(FinalRanking::agentId).toList().equals(order)
                        && s.rankings().stream().map(FinalRanking::rank).toList().equals(List.of(1, 2))
                        && sameNumbers(s.rankings().stream().map(FinalRanking::finalEquity).toList(), equities)
                        && s.rankings().stream().map(FinalRanking::totalTrades).toList().equals(trades)
                        && s.rankings().stream().allMatch(r -> r.startingBalance().compareTo(START) == 0)
                        && s.rankingsDigest().equals(FinalRanking.digest(s.rankings())));
    }

    static boolean sameNumbers(List<BigDecimal> actual, List<String> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i) == null || actual.get(i).compareTo(d(expected.get(i))) != 0) {
                return false;
            }
        }
        return true;
    }

    static <T> Matcher<T> described(String description, Predicate<Object> test) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return test.test(actual);
            }

            @Override
            public void describeTo(Description out) {
                out.appendText(description);
            }
        };
    }

    /** Candles of a fixed list; remembers every window asked for. */
    static final class InMemoryCandles implements BattleCandles {
        private final List<Candle> all;
        final List<Instant[]> asked = new ArrayList<>();

        InMemoryCandles(List<Candle> all) {
            this.all = List.copyOf(all);
        }

        @Override
        public List<Candle> candles(List<String> pairs, CandleInterval interval, Instant from, Instant toExclusive) {
            asked.add(new Instant[]{from, toExclusive});
            return all.stream()
                    .filter(c -> pairs.contains(c.symbol()) && c.interval() == interval)
                    .filter(c -> !c.openTime().isBefore(from) && c.openTime().isBefore(toExclusive))
                    .sorted(Comparator.comparing(Candle::openTime).thenComparing(c -> pairs.indexOf(c.symbol())))
                    .toList();
        }
    }

    // ---------------------------------------------------------------- stepping

    @Nested
    class Stepping {

        @Test
        void aStepRecordsItsCandlesAndValuesEveryoneAtTheStartingBalance() {
            fixture.given(started())
                    .when(step(1))
                    .expectEvents(stepped1())
                    .expectResultMessagePayloadMatching(described("step 1 of 3 at BTC 100, ETH 10", o ->
                            o instanceof StepOutcome s && s.step() == 1 && s.totalSteps() == 3
                                    && s.virtualTime().equals(S1) && !s.complete()
                                    && s.prices().equals(Map.of(BTC, d("100"), ETH, d("10")))
                                    && s.valuations().equals(List.of(untouched(AGENT_A), untouched(AGENT_B)))));
        }

        @Test
        void aBatchOfTwoStepsEmitsTwoSteps() {
            fixture.given(started())
                    .when(step(2))
                    .expectEvents(stepped1(), new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2),
                            List.of(untouched(AGENT_A), untouched(AGENT_B))));
            // one read of the store for the whole batch: [S, S + 2m)
            assertEquals(1, candles.asked.size());
            assertEquals(List.of(S, S2), List.of(candles.asked.get(0)));
        }

        @Test
        void aPairWithoutACandleIsAbsentFromThatStepAndKeepsItsLastPrice() {
            // ETH has no candle at step 2: the step carries BTC only, and A's ETH is still valued at 10
            // A held 50 ETH bought at 10.005 (slippage 500/1e6 = 0.05 %), fee 0.50025, total 500.75025:
            // cash 9499.24975 + 50 × 10 (ETH's last close, not an invented price) = 9999.24975
            Fill ethBuy = new Fill("eth-1", ETH, OrderSide.BUY, OrderType.MARKET, d("50"), d("10"), d("10.00500000"),
                    d("0.05000000"), d("0.50025000"), d("500.75025000"), null, S1);
            fixture.given(append(atStep1(), new OrderFilled(BATTLE, OWNER, AGENT_A, ethBuy, 1)))
                    .when(step(1))
                    .expectEvents(new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2), List.of(
                            new Valuation(AGENT_A, d("9999.24975000"), d("9499.24975000"), 1), untouched(AGENT_B))));
        }

        @Test
        void aPausedParticipantIsNotValued() {
            fixture.given(append(started(), new ParticipantPaused(BATTLE, OWNER, AGENT_A, BattleStatus.PAUSED, T1)))
                    .when(step(1))
                    .expectEvents(new BattleStepped(BATTLE, OWNER, 1, 3, S1, List.of(BTC_1, ETH_1),
                            List.of(untouched(AGENT_B))));
        }

        @Test
        void zeroStepsIsAValidationError() {
            fixture.given(started())
                    .when(step(0))
                    .expectException(invalidField("steps"))
                    .expectNoEvents();
        }

        @Test
        void moreThanAThousandStepsIsAValidationError() {
            fixture.given(started())
                    .when(step(1001))
                    .expectException(invalidField("steps"))
                    .expectNoEvents();
        }

        @Test
        void aStaleExpectedStepIsAConcurrentModification() {
            fixture.given(atStep1())
                    .when(new StepBattle(BATTLE, OWNER, 1, 0L, REQUESTED))
                    .expectException(refusal(ErrorCode.CONCURRENT_MODIFICATION, Map.of("step", 1L)))
                    .expectNoEvents();
        }

        @Test
        void theRightExpectedStepIsAccepted() {
            fixture.given(started())
                    .when(new StepBattle(BATTLE, OWNER, 1, 0L, REQUESTED))
                    .expectEvents(stepped1());
        }

        @Test
        void aLiveBattleHasNoClockToStep() {
            fixture.given(activeBattle())
                    .when(step(1))
                    .expectException(illegalTransition("active", "step"));
        }

        @Test
        void aFinishedBattleCannotStep() {
            fixture.given(append(started(), new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE,
                            List.of(AGENT_A, AGENT_B), List.of(), FinalRanking.digest(List.of()), T2)))
                    .when(step(1))
                    .expectException(illegalTransition("completed", "step"));
        }

        @Test
        void anotherAccountFindsNoBattle() {
            fixture.given(started())
                    .when(new StepBattle(BATTLE, STRANGER, 1, null, REQUESTED))
                    .expectException(refusal(ErrorCode.BATTLE_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void theLastStepCancelsOpenOrdersClosesPositionsAndRanks() {
            // step 3: BTC low 80 never reaches the bid at 50, so it is still open at the end.
            // Valuation: cash 8997.999 − 50.05 locked + 50.05 = 8997.999; equity 8997.999 + 10 × 105 = 10047.999
            // Close-out of 10 BTC at 105: slippage 1050/1e6 = 0.105 % → 105 × 0.99895 = 104.88975;
            // notional 1048.8975; fee 1.0488975; total 1048.8975 − 1.0488975 = 1047.8486025;
            // realized (104.88975 − 100.1) × 10 − 1.0488975 − 1.001 = 47.8975 − 2.0498975 = 45.8476025.
            // Final equity A = 8997.999 + 1047.8486025 = 10045.8476025 (ROI +0.46 %) > B 10000: A first.
            Fill closeOut = new Fill("close-out-BTCUSDT", BTC, OrderSide.SELL, OrderType.MARKET, d("10"), d("105"),
                    d("104.88975000"), d("0.10500000"), d("1.04889750"), d("1047.84860250"), d("45.84760250"), S3);
            fixture.given(append(holdingAtStep2(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 2)))
                    .when(new StepBattle(BATTLE, OWNER, 1, 2L, REQUESTED))
                    .expectEventsMatching(endingWithStop(
                            stopped(BattleStatus.ACTIVE, REQUESTED, List.of(AGENT_A, AGENT_B),
                                    List.of("10045.8476025", "10000"), List.of(2L, 0L)),
                            new BattleStepped(BATTLE, OWNER, 3, 3, S3, List.of(BTC_3, ETH_3), List.of(
                                    new Valuation(AGENT_A, d("10047.99900000"), d("8997.99900000"), 1),
                                    untouched(AGENT_B))),
                            new OrderCancelled(BATTLE, OWNER, AGENT_A, "bid-1", "battle_ended", 3, S3),
                            new OrderFilled(BATTLE, OWNER, AGENT_A, closeOut, 3)))
                    .expectResultMessagePayloadMatching(described("complete at step 3", o ->
                            o instanceof StepOutcome s && s.complete() && s.step() == 3
                                    && s.prices().equals(Map.of(BTC, d("105"), ETH, d("11")))));
        }

        @Test
        void aBatchLargerThanTheRemainingStepsStopsAtTheEnd() {
            fixture.given(started())
                    .when(step(5))
                    .expectEventsMatching(endingWithStop(
                            // nobody traded: equal ROI, equal PnL, so join order decides
                            stopped(BattleStatus.ACTIVE, REQUESTED, List.of(AGENT_A, AGENT_B),
                                    List.of("10000", "10000"), List.of(0L, 0L)),
                            stepped1(),
                            new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2),
                                    List.of(untouched(AGENT_A), untouched(AGENT_B))),
                            new BattleStepped(BATTLE, OWNER, 3, 3, S3, List.of(BTC_3, ETH_3),
                                    List.of(untouched(AGENT_A), untouched(AGENT_B)))));
            // the 4th candle (S+3m) is never asked for
            assertEquals(List.of(S, S3), List.of(candles.asked.get(0)));
        }
    }

    // ---------------------------------------------------------------- orders

    @Nested
    class Orders {

        @Test
        void beforeTheFirstStepThereIsNoPriceToTradeAt() {
            OrderRequest buy = market("buy-1", BTC, OrderSide.BUY, "1");
            fixture.given(started())
                    .when(place(AGENT_A, buy))
                    .expectEvents(rejected(buy, ErrorCode.NO_PRICE_AVAILABLE, "no price for BTCUSDT yet", 0, S))
                    .expectResultMessagePayload(rejectedOutcome(buy, ErrorCode.NO_PRICE_AVAILABLE,
                            "no price for BTCUSDT yet", 0, S));
        }

        @Test
        void aMarketBuyFillsAtTheCloseOfTheLastStepPlusSlippageAndFee() {
            OrderRequest buy = market("buy-1", BTC, OrderSide.BUY, "10");
            fixture.given(atStep1())
                    .when(place(AGENT_A, buy))
                    .expectEvents(new OrderFilled(BATTLE, OWNER, AGENT_A, BUY_10_BTC, 1))
                    .expectResultMessagePayload(new OrderOutcome("buy-1", AGENT_A, "filled", buy, null, BUY_10_BTC,
                            null, null, 1, S1));
        }

        @Test
        void aMarketSellFillsAtTheCloseMinusSlippageWithItsRealizedPnl() {
            // sell 4 of the 10 BTC at 100: slippage 400/1e6 = 0.04 % → 100 × 0.9996 = 99.96;
            // notional 399.84; fee 0.39984; total 399.44016;
            // realized (99.96 − 100.1) × 4 − 0.39984 − 1.001 × 4/10 = −0.56 − 0.39984 − 0.4004 = −1.36024
            OrderRequest sell = market("sell-1", BTC, OrderSide.SELL, "4");
            Fill fill = new Fill("sell-1", BTC, OrderSide.SELL, OrderType.MARKET, d("4"), d("100"), d("99.96000000"),
                    d("0.04000000"), d("0.39984000"), d("399.44016000"), d("-1.36024000"), S1);
            fixture.given(holdingAtStep1())
                    .when(place(AGENT_A, sell))
                    .expectEvents(new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 1));
        }

        @Test
        void aLimitBuyRestsThenFillsAtItsLimitOnTheNextCandleThatReachesIt() {
            // lock at the limit: 10 × 97 = 970 + fee 0.97 = 970.97
            OrderRequest bid = limit("bid-97", OrderSide.BUY, "10", "97");
            RestingOrder resting = new RestingOrder("bid-97", BTC, OrderSide.BUY, OrderType.LIMIT, d("10"), d("97"),
                    null, d("970.97000000"), S1);
            fixture.given(atStep1())
                    .when(place(AGENT_A, bid))
                    .expectEvents(new OrderPlaced(BATTLE, OWNER, AGENT_A, resting, 1))
                    .expectResultMessagePayload(new OrderOutcome("bid-97", AGENT_A, "open", bid, resting, null,
                            null, null, 1, S1));

            // step 2: open 98 > 97, low 90 ≤ 97 → fills at min(97, 98) = 97, no slippage on a limit;
            // notional 970, fee 0.97, total 970.97; cash 10000 − 970.97 = 9029.03; equity 9029.03 + 10 × 95 = 9979.03
            Fill fill = new Fill("bid-97", BTC, OrderSide.BUY, OrderType.LIMIT, d("10"), d("97"), d("97.00000000"),
                    BigDecimal.ZERO, d("0.97000000"), d("970.97000000"), null, S2);
            fixture.given(append(atStep1(), new OrderPlaced(BATTLE, OWNER, AGENT_A, resting, 1)))
                    .when(step(1))
                    .expectEvents(new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 2),
                            new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2), List.of(
                                    new Valuation(AGENT_A, d("9979.03000000"), d("9029.03000000"), 1),
                                    untouched(AGENT_B))));
        }

        @Test
        void aLimitBuyTheCandleGapsBelowFillsAtTheOpen() {
            // limit 99, step 2 opens at 98 (below it): fills at min(99, 98) = 98;
            // notional 980, fee 0.98, total 980.98 (the lock was 990 + 0.99 = 990.99);
            // cash 10000 − 980.98 = 9019.02; equity 9019.02 + 950 = 9969.02
            RestingOrder resting = new RestingOrder("bid-99", BTC, OrderSide.BUY, OrderType.LIMIT, d("10"), d("99"),
                    null, d("990.99000000"), S1);
            Fill fill = new Fill("bid-99", BTC, OrderSide.BUY, OrderType.LIMIT, d("10"), d("98"), d("98.00000000"),
                    BigDecimal.ZERO, d("0.98000000"), d("980.98000000"), null, S2);
            fixture.given(append(atStep1(), new OrderPlaced(BATTLE, OWNER, AGENT_A, resting, 1)))
                    .when(step(1))
                    .expectEvents(new OrderFilled(BATTLE, OWNER, AGENT_A, fill, 2),
                            new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2), List.of(
                                    new Valuation(AGENT_A, d("9969.02000000"), d("9019.02000000"), 1),
                                    untouched(AGENT_B))));
        }

        @Test
        void aStopLossSellRestsWithItsQuantityLocked() {
            OrderRequest stop = triggered("stop-1", OrderType.STOP_LOSS, "5", "92");
            fixture.given(holdingAtStep1())
                    .when(place(AGENT_A, stop))
                    .expectEvents(new OrderPlaced(BATTLE, OWNER, AGENT_A, new RestingOrder("stop-1", BTC,
                            OrderSide.SELL, OrderType.STOP_LOSS, d("5"), null, d("92"), d("5"), S1), 1));
        }

        @Test
        void whenOneCandleReachesAStopAndATakeProfitTheStopFillsFirst() {
            // placed take-profit first, stop second; step 2 (open 98, high 101, low 90) reaches both.
            // Stop 5 @ 92: reference min(92, 98) = 92; slippage 460/1e6 = 0.046 % → 92 × 0.99954 = 91.95768;
            //   notional 459.7884; fee 0.4597884; total 459.3286116;
            //   realized (91.95768 − 100.1) × 5 − 0.4597884 − 1.001 × 5/10 = −40.7116 − 0.4597884 − 0.5005 = −41.6718884
            // Take-profit 5 @ 100: reference max(100, 98) = 100; slippage 500/1e6 = 0.05 % → 99.95;
            //   notional 499.75; fee 0.49975; total 499.25025;
            //   realized (99.95 − 100.1) × 5 − 0.49975 − remaining buy fees 0.5005 = −0.75 − 1.00025 = −1.75025
            // Cash 8997.999 + 459.3286116 + 499.25025 = 9956.5778616, no position left.
            RestingOrder takeProfit = new RestingOrder("tp-1", BTC, OrderSide.SELL, OrderType.TAKE_PROFIT, d("5"),
                    null, d("100"), d("5"), S1);
            RestingOrder stop = new RestingOrder("stop-1", BTC, OrderSide.SELL, OrderType.STOP_LOSS, d("5"),
                    null, d("92"), d("5"), S1);
            Fill stopFill = new Fill("stop-1", BTC, OrderSide.SELL, OrderType.STOP_LOSS, d("5"), d("92"),
                    d("91.95768000"), d("0.04600000"), d("0.45978840"), d("459.32861160"), d("-41.67188840"), S2);
            Fill takeProfitFill = new Fill("tp-1", BTC, OrderSide.SELL, OrderType.TAKE_PROFIT, d("5"), d("100"),
                    d("99.95000000"), d("0.05000000"), d("0.49975000"), d("499.25025000"), d("-1.75025000"), S2);
            fixture.given(append(holdingAtStep1(), new OrderPlaced(BATTLE, OWNER, AGENT_A, takeProfit, 1),
                            new OrderPlaced(BATTLE, OWNER, AGENT_A, stop, 1)))
                    .when(step(1))
                    .expectEvents(new OrderFilled(BATTLE, OWNER, AGENT_A, stopFill, 2),
                            new OrderFilled(BATTLE, OWNER, AGENT_A, takeProfitFill, 2),
                            new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2), List.of(
                                    new Valuation(AGENT_A, d("9956.57786160"), d("9956.57786160"), 3),
                                    untouched(AGENT_B))));
        }

        @Test
        void aPausedParticipantsOrderIsRejected() {
            OrderRequest buy = market("buy-1", BTC, OrderSide.BUY, "1");
            String reason = "agent agent-a is paused in this battle";
            fixture.given(append(atStep1(), new ParticipantPaused(BATTLE, OWNER, AGENT_A, BattleStatus.PAUSED, T1)))
                    .when(place(AGENT_A, buy))
                    .expectEvents(rejected(buy, ErrorCode.PARTICIPANT_PAUSED, reason, 1, S1))
                    .expectResultMessagePayload(rejectedOutcome(buy, ErrorCode.PARTICIPANT_PAUSED, reason, 1, S1));
        }

        @Test
        void anAgentOutsideTheBattleIsNotFound() {
            fixture.given(atStep1())
                    .when(place(AGENT_C, market("buy-1", BTC, OrderSide.BUY, "1")))
                    .expectException(refusal(ErrorCode.PARTICIPANT_NOT_FOUND, Map.of("agent_id", AGENT_C)))
                    .expectNoEvents();
        }

        @Test
        void aPairOutsideTheBattleIsAnInvalidSymbol() {
            OrderRequest buy = market("buy-1", "SOLUSDT", OrderSide.BUY, "1");
            fixture.given(atStep1())
                    .when(place(AGENT_A, buy))
                    .expectEvents(rejected(buy, ErrorCode.INVALID_SYMBOL, "symbol SOLUSDT is not tradable here", 1, S1));
        }

        @Test
        void anOrderAboveHalfTheEquityIsTooLarge() {
            // 60 × 100 = 6000 > 50 % of 10000
            OrderRequest buy = market("buy-1", BTC, OrderSide.BUY, "60");
            fixture.given(atStep1())
                    .when(place(AGENT_A, buy))
                    .expectEvents(rejected(buy, ErrorCode.ORDER_TOO_LARGE,
                            "order value 6000 USDT is more than 50% of equity 10000", 1, S1));
        }

        @Test
        void aSellWithoutHoldingsIsRejected() {
            OrderRequest sell = market("sell-1", ETH, OrderSide.SELL, "1");
            fixture.given(atStep1())
                    .when(place(AGENT_A, sell))
                    .expectEvents(rejected(sell, ErrorCode.INSUFFICIENT_HOLDINGS,
                            "selling 1 ETH but only 0 is available", 1, S1));
        }
    }

    // ---------------------------------------------------------------- cancelling

    @Nested
    class Cancelling {

        @Test
        void anOpenOrderIsCancelledOnRequest() {
            fixture.given(append(holdingAtStep2(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 2)))
                    .when(new CancelBattleOrder(BATTLE, OWNER, AGENT_A, "bid-1", REQUESTED))
                    .expectEvents(new OrderCancelled(BATTLE, OWNER, AGENT_A, "bid-1", "requested", 2, S2));
        }

        @Test
        void anUnknownOrderIsNotFound() {
            fixture.given(holdingAtStep2())
                    .when(new CancelBattleOrder(BATTLE, OWNER, AGENT_A, "nope", REQUESTED))
                    .expectException(refusal(ErrorCode.ORDER_NOT_FOUND, Map.of("order_id", "nope")))
                    .expectNoEvents();
        }

        @Test
        void anotherAgentsOrderIsNotFoundEither() {
            fixture.given(append(holdingAtStep2(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 2)))
                    .when(new CancelBattleOrder(BATTLE, OWNER, AGENT_B, "bid-1", REQUESTED))
                    .expectException(refusal(ErrorCode.ORDER_NOT_FOUND))
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------- stopping mid-battle

    @Nested
    class StoppingMidBattle {

        @Test
        void openOrdersAreCancelledPositionsClosedAtTheLastCloseAndEveryoneRanked() {
            // At step 2 (BTC close 95): close-out of 10 BTC, slippage 950/1e6 = 0.095 % → 95 × 0.99905 = 94.90975;
            // notional 949.0975; fee 0.9490975; total 948.1484025;
            // realized (94.90975 − 100.1) × 10 − 0.9490975 − 1.001 = −51.9025 − 1.9500975 = −53.8525975.
            // A ends at 8997.999 + 948.1484025 = 9946.1474025 < B 10000: by ROI B ranks first, though A joined first.
            Fill closeOut = new Fill("close-out-BTCUSDT", BTC, OrderSide.SELL, OrderType.MARKET, d("10"), d("95"),
                    d("94.90975000"), d("0.09500000"), d("0.94909750"), d("948.14840250"), d("-53.85259750"), S2);
            fixture.given(append(holdingAtStep2(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 2)))
                    .when(new StopBattle(BATTLE, OWNER, REQUESTED))
                    .expectEventsMatching(endingWithStop(
                            stopped(BattleStatus.ACTIVE, REQUESTED, List.of(AGENT_B, AGENT_A),
                                    List.of("10000", "9946.1474025"), List.of(0L, 2L)),
                            new OrderCancelled(BATTLE, OWNER, AGENT_A, "bid-1", "battle_ended", 2, S2),
                            new OrderFilled(BATTLE, OWNER, AGENT_A, closeOut, 2)));
        }

        /**
         * B bought 10 BTC at step 1 and is closed out at step 2 with the loss computed above
         * (−53.8525975: one losing sell, win rate 0 %, equity 9946.1474025); A never traded
         * (equity 10000, win rate null). The same history ranks differently by metric.
         */
        private Object[] onlyBTradedAndLost(RankingMetric metric) {
            Fill bBuy = new Fill("buy-1", BTC, OrderSide.BUY, OrderType.MARKET, d("10"), d("100"), d("100.10000000"),
                    d("0.10000000"), d("1.00100000"), d("1002.00100000"), null, S1);
            return append(startedBattle(config(metric)), stepped1(), new OrderFilled(BATTLE, OWNER, AGENT_B, bBuy, 1),
                    new BattleStepped(BATTLE, OWNER, 2, 3, S2, List.of(BTC_2), List.of(untouched(AGENT_A),
                            new Valuation(AGENT_B, d("9947.99900000"), d("8997.99900000"), 1))));
        }

        @Test
        void byRoiTheAgentThatKeptItsBalanceWins() {
            fixture.given(onlyBTradedAndLost(RankingMetric.ROI_PCT))
                    .when(new StopBattle(BATTLE, OWNER, REQUESTED))
                    .expectEventsMatching(endingWithStop(
                            stopped(BattleStatus.ACTIVE, REQUESTED, List.of(AGENT_A, AGENT_B),
                                    List.of("10000", "9946.1474025"), List.of(0L, 2L)),
                            new OrderFilled(BATTLE, OWNER, AGENT_B, new Fill("close-out-BTCUSDT", BTC, OrderSide.SELL,
                                    OrderType.MARKET, d("10"), d("95"), d("94.90975000"), d("0.09500000"),
                                    d("0.94909750"), d("948.14840250"), d("-53.85259750"), S2), 2)));
        }

        @Test
        void byWinRateANullRateRanksLastEvenWithTheBetterEquity() {
            fixture.given(onlyBTradedAndLost(RankingMetric.WIN_RATE))
                    .when(new StopBattle(BATTLE, OWNER, REQUESTED))
                    .expectEventsMatching(endingWithStop(
                            described("BattleStopped ranking B (win rate 0) before A (win rate null)", e ->
                                    e instanceof BattleStopped s
                                            && s.rankings().stream().map(FinalRanking::agentId).toList()
                                            .equals(List.of(AGENT_B, AGENT_A))
                                            && s.rankings().get(0).winRate() != null
                                            && s.rankings().get(0).winRate().signum() == 0
                                            && s.rankings().get(1).winRate() == null
                                            && s.rankings().get(1).finalEquity().compareTo(START) == 0
                                            && s.rankingsDigest().equals(FinalRanking.digest(s.rankings()))),
                            new OrderFilled(BATTLE, OWNER, AGENT_B, new Fill("close-out-BTCUSDT", BTC, OrderSide.SELL,
                                    OrderType.MARKET, d("10"), d("95"), d("94.90975000"), d("0.09500000"),
                                    d("0.94909750"), d("948.14840250"), d("-53.85259750"), S2), 2)));
        }

        @Test
        void aPausedBattleStopsFromPaused() {
            fixture.given(append(atStep1(), new ParticipantPaused(BATTLE, OWNER, AGENT_B, BattleStatus.PAUSED, T1)))
                    .when(new StopBattle(BATTLE, OWNER, REQUESTED))
                    .expectEventsMatching(endingWithStop(stopped(BattleStatus.PAUSED, REQUESTED,
                            List.of(AGENT_A, AGENT_B), List.of("10000", "10000"), List.of(0L, 0L))));
        }
    }

    // ---------------------------------------------------------------- refused outside a running historical battle

    @Nested
    class OutsideARunningHistoricalBattle {

        @Test
        void aLiveParticipantWithoutItsWalletYetCannotTrade() {
            fixture.given(activeBattle())
                    .when(place(AGENT_A, market("buy-1", BTC, OrderSide.BUY, "1")))
                    .expectException(DomainRefusal.refusal(ErrorCode.WALLET_NOT_READY, Map.of("agent_id", AGENT_A)))
                    .expectNoEvents();
        }

        @Test
        void aFinishedBattleTakesNoOrder() {
            fixture.given(append(atStep1(), new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE,
                            List.of(AGENT_A, AGENT_B), List.of(), FinalRanking.digest(List.of()), T2)))
                    .when(place(AGENT_A, market("buy-1", BTC, OrderSide.BUY, "1")))
                    .expectException(illegalTransition("completed", "trade"))
                    .expectNoEvents();
        }

        @Test
        void anotherAccountCannotCancelAnOrder() {
            fixture.given(append(holdingAtStep2(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 2)))
                    .when(new CancelBattleOrder(BATTLE, STRANGER, AGENT_A, "bid-1", REQUESTED))
                    .expectException(refusal(ErrorCode.BATTLE_NOT_FOUND))
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------- replay consistency

    @Nested
    class ReplayConsistency {

        /** The state hash of every sandbox plus the step, read from the aggregate's private floor. */
        private String floorState(Battle battle) {
            try {
                TradingFloor floor = battle.state().floor();
                Field sandboxesField = TradingFloor.class.getDeclaredField("sandboxes");
                sandboxesField.setAccessible(true);
                @SuppressWarnings("unchecked")
                Map<String, Sandbox> sandboxes = (Map<String, Sandbox>) sandboxesField.get(floor);
                return floor.step() + "/" + Sandbox.stateHash(sandboxes);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        /**
         * The aggregate that decided (state changed as it applied) equals the one sourced from
         * the same events, compared by state hash since Axon's own check cannot see into sandboxes.
         */
        private void assertReplayGivesTheSameState(Object[] given, Object command) {
            List<Object> emitted = new ArrayList<>();
            String[] working = new String[1];
            fixture.given(given)
                    .when(command)
                    .expectEventsMatching(described("anything (recorded)", events -> {
                        ((List<?>) events).forEach(e -> emitted.add(((EventMessage<?>) e).getPayload()));
                        return true;
                    }))
                    .expectState(battle -> working[0] = floorState(battle));
            String[] replayed = new String[1];
            OrderRequest harmless = market("probe", "SOLUSDT", OrderSide.BUY, "1");
            newFixture(candles).given(append(given, emitted.toArray()))
                    .when(place(AGENT_B, harmless)) // rejected: INVALID_SYMBOL changes no state
                    .expectState(battle -> replayed[0] = floorState(battle));
            assertNotNull(working[0]);
            assertEquals(working[0], replayed[0]);
        }

        @Test
        void fillsOnAStepReplayToTheSameSandboxes() {
            RestingOrder takeProfit = new RestingOrder("tp-1", BTC, OrderSide.SELL, OrderType.TAKE_PROFIT, d("5"),
                    null, d("100"), d("5"), S1);
            RestingOrder stop = new RestingOrder("stop-1", BTC, OrderSide.SELL, OrderType.STOP_LOSS, d("5"),
                    null, d("92"), d("5"), S1);
            assertReplayGivesTheSameState(append(holdingAtStep1(), new OrderPlaced(BATTLE, OWNER, AGENT_A, takeProfit, 1),
                    new OrderPlaced(BATTLE, OWNER, AGENT_A, stop, 1)), step(1));
        }

        @Test
        void aMarketBuyReplaysToTheSameSandboxes() {
            assertReplayGivesTheSameState(atStep1(), place(AGENT_A, market("buy-1", BTC, OrderSide.BUY, "10")));
        }

        @Test
        void aLimitOrderAndItsCancellationReplayToTheSameSandboxes() {
            assertReplayGivesTheSameState(atStep1(), place(AGENT_A, limit("bid-97", OrderSide.BUY, "10", "97")));
            assertReplayGivesTheSameState(append(holdingAtStep2(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 2)),
                    new CancelBattleOrder(BATTLE, OWNER, AGENT_A, "bid-1", REQUESTED));
        }
    }

    // ---------------------------------------------------------------- determinism

    @Nested
    class Determinism {

        private List<Object> run() {
            FixtureConfiguration<Battle> fresh = newFixture(new InMemoryCandles(List.of(BTC_1, ETH_1, BTC_2, BTC_3,
                    ETH_3, BTC_4)));
            List<Object> payloads = new ArrayList<>();
            fresh.given(append(holdingAtStep1(), new OrderPlaced(BATTLE, OWNER, AGENT_A, LOW_BID, 1)))
                    .when(step(5))
                    .expectEventsMatching(described("anything (recorded)", events -> {
                        ((List<?>) events).forEach(e -> payloads.add(((EventMessage<?>) e).getPayload()));
                        return true;
                    }));
            return payloads;
        }

        @Test
        void theSameHistoryAndCommandGiveTheSameEventsAndDigest() {
            List<Object> first = run();
            List<Object> second = run();
            assertEquals(first, second);
            BattleStopped stop = (BattleStopped) first.get(first.size() - 1);
            assertNotNull(stop.rankingsDigest());
            assertEquals(FinalRanking.digest(stop.rankings()), stop.rankingsDigest());
            assertEquals(((BattleStopped) second.get(second.size() - 1)).rankingsDigest(), stop.rankingsDigest());
            // 2 steps, the cancelled bid, the close-out and the stop
            assertEquals(List.of(BattleStepped.class, BattleStepped.class, OrderCancelled.class, OrderFilled.class,
                    BattleStopped.class), first.stream().map(Object::getClass).toList());
        }
    }
}
