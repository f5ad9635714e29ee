package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random order streams against real BTCUSDT and ETHUSDT 1m candles (the FTX-collapse week, so there are
 * gaps and fast moves). After every step the accounting invariants must hold, and the same
 * stream must always end in the same state hash, also across a Jackson snapshot mid-way.
 */
class SandboxPropertiesTest {

    private static final String BTC = "BTCUSDT";
    private static final String ETH = "ETHUSDT";
    private static final List<String> SYMBOLS = List.of(BTC, ETH);
    private static final int STEPS = 360;
    private static final Map<String, List<Candle>> CANDLES = Map.of(
            BTC, day(BTC), ETH, day(ETH));
    private static final TradingRules RULES = new TradingRules(SYMBOLS,
            com.agentbattles.domain.battle.FeeSchedule.defaults(), com.agentbattles.domain.agent.RiskConfig.defaults());
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private static List<Candle> day(String symbol) {
        return BinanceKlines.read(BinanceKlines.sharedData().resolve("binance-futures-um/" + symbol + "-1m-2022-11-09.csv"),
                symbol, CandleInterval.ONE_MINUTE);
    }

    /** One agent action at a step: an order sized as a share of equity (buys) or holding (sells), or a cancel. */
    record Action(int step, boolean cancel, boolean eth, OrderSide side, OrderType type, int permille, int levelBps) {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> action = Combinators.combine(
                Arbitraries.integers().between(0, STEPS - 1),
                Arbitraries.integers().between(0, 9).map(i -> i == 0),
                Arbitraries.of(false, true),
                Arbitraries.of(OrderSide.class),
                Arbitraries.frequency(Tuple.of(4, OrderType.MARKET), Tuple.of(2, OrderType.LIMIT),
                        Tuple.of(2, OrderType.STOP_LOSS), Tuple.of(2, OrderType.TAKE_PROFIT)),
                // mostly sizes the risk rules accept, sometimes more than they allow
                Arbitraries.integers().between(1, 600).withDistribution(RandomDistribution.biased()),
                Arbitraries.integers().between(-150, 150)).as(Action::new);
        return action.list().ofMinSize(20).ofMaxSize(150);
    }

    @Property(tries = 80)
    void accountingInvariantsHoldAndTheSameInputsGiveTheSameHash(@ForAll("actions") List<Action> actions,
                                                                  @ForAll @IntRange(min = 0, max = 1439 - STEPS) int offset) throws Exception {
        Run first = run(offset, actions, -1);
        Run second = run(offset, actions, -1);
        Run snapshotted = run(offset, actions, STEPS / 2);

        assertThat(second.sandbox.stateHash()).isEqualTo(first.sandbox.stateHash());
        assertThat(second.sandbox.fills()).isEqualTo(first.sandbox.fills());
        assertThat(snapshotted.sandbox.stateHash()).isEqualTo(first.sandbox.stateHash());

        // guard against a vacuous property: most streams must really trade, rest and fill on candles
        long restingFills = first.sandbox.fills().stream().filter(f -> f.type() != OrderType.MARKET).count();
        Statistics.label("market fills").collect(first.sandbox.fills().size() - restingFills > 0);
        Statistics.label("resting orders filled by a candle").collect(restingFills > 0);
        Statistics.label("market fills").coverage(c -> c.check(true).percentage(p -> p > 60));
        Statistics.label("resting orders filled by a candle").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    private record Run(Sandbox sandbox) {
    }

    /** Plays the stream; at step {@code snapshotAt} the sandbox is replaced by its Jackson round trip. */
    private Run run(int offset, List<Action> actions, int snapshotAt) throws Exception {
        Sandbox sandbox = new Sandbox(new BigDecimal("10000"));
        PriceBoard board = new PriceBoard();
        List<List<Action>> byStep = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            byStep.add(new ArrayList<>());
        }
        actions.forEach(a -> byStep.get(a.step()).add(a));
        int ids = 0;
        for (int k = 0; k < STEPS; k++) {
            for (String symbol : SYMBOLS) {
                Candle candle = CANDLES.get(symbol).get(offset + k);
                // resting orders see only candles after the one they were placed on
                List<Object> before = observable(sandbox);
                List<Execution> executions = sandbox.executionsOn(candle, RULES);
                assertThat(sandbox.executionsOn(candle, RULES)).as("deciding is repeatable").isEqualTo(executions);
                assertThat(observable(sandbox)).as("deciding changes nothing").isEqualTo(before);
                for (Execution execution : executions) {
                    assertThat(execution.orderId()).isIn(sandbox.openOrders().stream().map(RestingOrder::orderId).toList());
                    assertThat(sandbox.openOrder(execution.orderId()).orElseThrow().symbol()).isEqualTo(symbol);
                    if (execution instanceof Execution.Filled filled) {
                        applyChecked(sandbox, filled.fill());
                    } else {
                        sandbox.cancelled(execution.orderId());
                    }
                }
            }
            for (String symbol : SYMBOLS) {
                board.update(CANDLES.get(symbol).get(offset + k));
            }
            Candle candle = CANDLES.get(BTC).get(offset + k);
            sandbox.dayMarked(candle.closeTime(), sandbox.equity(board));
            for (Action action : byStep.get(k)) {
                if (action.cancel()) {
                    List<RestingOrder> open = sandbox.openOrders();
                    if (!open.isEmpty()) {
                        sandbox.cancelled(open.get(action.permille() % open.size()).orderId());
                    }
                    continue;
                }
                OrderRequest request = request("o" + ids++, action, sandbox, board,
                        CANDLES.get(action.eth() ? ETH : BTC).get(offset + k));
                if (request == null) {
                    continue;
                }
                OrderDecision decision = sandbox.decide(request, RULES, board, candle.closeTime());
                if (decision instanceof OrderDecision.FillsNow now) {
                    applyChecked(sandbox, now.fill());
                } else if (decision instanceof OrderDecision.Rests rests) {
                    sandbox.placed(rests.order());
                }
            }
            assertInvariants(sandbox, board);
            if (k == snapshotAt) {
                sandbox = MAPPER.readValue(MAPPER.writeValueAsString(sandbox), Sandbox.class);
            }
        }
        return new Run(sandbox);
    }

    /** Everything a read can see, cheaply (the full canonical text grows with the fill history). */
    private static List<Object> observable(Sandbox sandbox) {
        return List.of(sandbox.cash(), sandbox.lockedCash(), sandbox.positions(), sandbox.openOrders(),
                sandbox.fills().size(), sandbox.realizedPnl(), sandbox.feesPaid());
    }

    private static OrderRequest request(String id, Action action, Sandbox sandbox, PriceBoard board, Candle candle) {
        BigDecimal close = candle.close();
        BigDecimal level = close.multiply(BigDecimal.valueOf(10_000 + action.levelBps())).movePointLeft(4)
                .setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal quantity;
        if (action.side() == OrderSide.BUY) {
            quantity = sandbox.equity(board).multiply(BigDecimal.valueOf(action.permille())).movePointLeft(3)
                    .divide(close, 5, RoundingMode.DOWN);
        } else {
            BigDecimal held = sandbox.position(candle.symbol()).map(Position::available).orElse(BigDecimal.ZERO);
            // sometimes ask for more than is held, to exercise the refusal
            quantity = held.multiply(BigDecimal.valueOf(action.permille())).movePointLeft(2 + 1)
                    .multiply(BigDecimal.valueOf(2)).setScale(8, RoundingMode.DOWN);
        }
        if (quantity.signum() <= 0) {
            return null;
        }
        return new OrderRequest(id, candle.symbol(), action.side(), action.type(), quantity,
                action.type() == OrderType.LIMIT ? level : null, action.type().triggered() ? level : null);
    }

    /** A fill must respect the holding and the cash it draws on, and never carry a negative fee. */
    private static void applyChecked(Sandbox sandbox, Fill fill) {
        assertThat(fill.fee().signum()).isGreaterThanOrEqualTo(0);
        assertThat(fill.quantity().signum()).isPositive();
        if (fill.side() == OrderSide.SELL) {
            BigDecimal held = sandbox.position(fill.symbol()).map(Position::quantity).orElse(BigDecimal.ZERO);
            assertThat(fill.quantity()).as("a sell never exceeds the holding").isLessThanOrEqualTo(held);
        } else {
            BigDecimal lock = sandbox.openOrder(fill.orderId()).map(RestingOrder::locked).orElse(BigDecimal.ZERO);
            assertThat(fill.total()).as("a buy never costs more than its lock and the cash").isLessThanOrEqualTo(sandbox.cash().add(lock));
        }
        sandbox.filled(fill);
    }

    private static void assertInvariants(Sandbox sandbox, PriceBoard board) {
        assertThat(sandbox.cash().signum()).as("cash").isGreaterThanOrEqualTo(0);
        assertThat(sandbox.lockedCash().signum()).as("locked cash").isGreaterThanOrEqualTo(0);

        BigDecimal buyLocks = BigDecimal.ZERO;
        Map<String, BigDecimal> sellLocks = new TreeMap<>();
        for (RestingOrder order : sandbox.openOrders()) {
            if (order.side() == OrderSide.BUY) {
                buyLocks = buyLocks.add(order.locked());
            } else {
                sellLocks.merge(order.symbol(), order.locked(), BigDecimal::add);
            }
        }
        assertThat(sandbox.lockedCash()).as("locked cash = Σ buy locks").isEqualByComparingTo(buyLocks);

        BigDecimal positionValue = BigDecimal.ZERO;
        BigDecimal costBasis = BigDecimal.ZERO;
        for (Position position : sandbox.positions()) {
            assertThat(position.quantity().signum()).isPositive();
            assertThat(position.locked()).as("position locks = Σ sell orders")
                    .isEqualByComparingTo(sellLocks.getOrDefault(position.symbol(), BigDecimal.ZERO));
            assertThat(position.available().signum()).isGreaterThanOrEqualTo(0);
            assertThat(position.buyFees().signum()).isGreaterThanOrEqualTo(0);
            positionValue = positionValue.add(position.quantity().multiply(board.price(position.symbol()).orElseThrow()));
            costBasis = costBasis.add(position.quantity().multiply(position.avgEntryPrice())).add(position.buyFees());
        }
        BigDecimal cashTotal = sandbox.cash().add(sandbox.lockedCash());
        assertThat(sandbox.equity(board)).as("equity = cash + locked + Σ positions")
                .isEqualByComparingTo(cashTotal.add(positionValue).setScale(8, RoundingMode.HALF_EVEN));

        // money is conserved: what is held at cost (fees included) plus cash is the start plus realized PnL,
        // up to the 8-dp rounding of each fill
        BigDecimal drift = cashTotal.add(costBasis).subtract(sandbox.startingCash()).subtract(sandbox.realizedPnl()).abs();
        BigDecimal tolerance = new BigDecimal("0.00000002").multiply(BigDecimal.valueOf(sandbox.fills().size() + 1L));
        assertThat(drift).as("conservation drift").isLessThanOrEqualTo(tolerance);

        BigDecimal fees = sandbox.fills().stream().map(Fill::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sandbox.feesPaid()).isEqualByComparingTo(fees);
    }
}
