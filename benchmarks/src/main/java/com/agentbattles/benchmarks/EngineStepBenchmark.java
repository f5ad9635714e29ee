package com.agentbattles.benchmarks;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.engine.OrderDecision;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.agentbattles.engine.TradingRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Agent-steps per second of the sandbox engine on one core: 10 agents step through 30 days of
 * real BTCUSDT 1m spot candles (43,200 steps). An agent-step is one agent's {@code fillsOn} over
 * the step's candle, applying what filled, plus its equity valuation; the board update of the
 * step is shared by the agents and counted too.
 *
 * <p>Each agent holds BTC and four resting orders far from the price (a limit buy at −30 %, a
 * stop-loss at −40 %, a take-profit at +50 %, a breakout buy at +40 %) plus one order near the
 * price that fills now and then: a limit buy a little under the close which, once filled, is
 * followed by a limit sell a little above its fill, and so on (a ping-pong market maker). Those
 * follow-up orders go through {@code decide}, so the fill path, validation and risk checks are
 * in the figure too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EngineStepBenchmark.AGENTS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EngineStepBenchmark {

    static final int AGENTS = 10;
    static final int STEPS = 30 * 24 * 60;
    /** Steps between re-pegs of an agent's near order (staggered per agent). */
    static final int REPEG_EVERY = 240;
    private static final String BTC = "BTCUSDT";
    private static final TradingRules RULES = new TradingRules(List.of(BTC), FeeSchedule.defaults(), RiskConfig.defaults());

    private List<Candle> candles;
    private Sandbox[] agents;
    private int[] nextId;
    /** Each agent's ping-pong order (its near buy or its near sell), re-pegged to the price every few hours. */
    private String[] nearOrder;
    private PriceBoard board;
    private int step;
    /** Fills seen in this iteration, reported so that "occasional" can be checked. */
    private long fills;

    @Setup(Level.Trial)
    public void load() {
        List<Candle> all = SpotKlines.read(SpotKlines.sharedData().resolve("binance-spot-freqtrade/BTCUSDT-1m-2023-03-16_2023-05-01.json.gz"),
                BTC, CandleInterval.ONE_MINUTE);
        if (all.size() < STEPS) {
            throw new IllegalStateException("expected at least " + STEPS + " candles, found " + all.size());
        }
        candles = List.copyOf(all.subList(0, STEPS));
    }

    @Setup(Level.Iteration)
    public void reset() {
        step = 1; // before placing: orders are stamped with the close of the step before
        board = new PriceBoard();
        Candle first = candles.get(0);
        board.update(first);
        agents = new Sandbox[AGENTS];
        nextId = new int[AGENTS];
        nearOrder = new String[AGENTS];
        for (int i = 0; i < AGENTS; i++) {
            Sandbox agent = new Sandbox(new BigDecimal("10000"));
            agents[i] = agent;
            BigDecimal close = first.close();
            place(i, OrderSide.BUY, OrderType.MARKET, qty(1000, close), null);
            place(i, OrderSide.BUY, OrderType.LIMIT, qty(500, close), level(close, "0.70"));
            place(i, OrderSide.SELL, OrderType.STOP_LOSS, qty(300, close), level(close, "0.60"));
            place(i, OrderSide.SELL, OrderType.TAKE_PROFIT, qty(300, close), level(close, "1.50"));
            place(i, OrderSide.BUY, OrderType.STOP_LOSS, qty(300, close), level(close, "1.40"));
            placeNearBuy(i, close);
        }
        fills = 0;
    }

    @Benchmark
    public void step(Blackhole blackhole) {
        if (step == candles.size()) {
            reset(); // wraps after a month; once per 432,000 agent-steps
        }
        Candle candle = candles.get(step++);
        for (int i = 0; i < AGENTS; i++) {
            List<Fill> filled = agents[i].fillsOn(candle, RULES);
            for (int f = 0; f < filled.size(); f++) {
                agents[i].filled(filled.get(f));
            }
            if (!filled.isEmpty()) {
                fills += filled.size();
                react(i, filled.get(filled.size() - 1), candle);
            } else if ((step + 37 * i) % REPEG_EVERY == 0) {
                repeg(i, candle);
            }
        }
        board.update(candle);
        for (int i = 0; i < AGENTS; i++) {
            blackhole.consume(agents[i].equity(board));
        }
    }

    /** An unfilled near order is moved back next to the price: a cancel, a decide and a place. */
    private void repeg(int agent, Candle candle) {
        var order = agents[agent].openOrder(nearOrder[agent]);
        if (order.isEmpty()) {
            return;
        }
        agents[agent].cancelled(nearOrder[agent]);
        if (order.get().side() == OrderSide.BUY) {
            placeNearBuy(agent, candle.close());
        } else {
            placeNear(agent, OrderSide.SELL, order.get().quantity(), level(candle.close(), "1.003"));
        }
    }

    /** The market maker's next leg: after its buy fills, sell a bit higher; after its sell, buy a bit lower. */
    private void react(int agent, Fill fill, Candle candle) {
        if (fill.type() != OrderType.LIMIT) {
            return;
        }
        if (fill.side() == OrderSide.BUY) {
            placeNear(agent, OrderSide.SELL, fill.quantity(), level(fill.price(), "1.003"));
        } else {
            placeNearBuy(agent, candle.close());
        }
    }

    private void placeNearBuy(int agent, BigDecimal close) {
        // agents sit at different depths so that they do not all fill on the same candle
        BigDecimal depth = new BigDecimal("0.997").subtract(new BigDecimal("0.0005").multiply(BigDecimal.valueOf(agent)));
        placeNear(agent, OrderSide.BUY, qty(800, close), close.multiply(depth).setScale(2, RoundingMode.DOWN));
    }

    private void placeNear(int agent, OrderSide side, BigDecimal quantity, BigDecimal price) {
        nearOrder[agent] = place(agent, side, OrderType.LIMIT, quantity, price);
    }

    private String place(int agent, OrderSide side, OrderType type, BigDecimal quantity, BigDecimal level) {
        OrderRequest request = new OrderRequest("a" + agent + "-" + nextId[agent]++, BTC, side, type, quantity,
                type == OrderType.LIMIT ? level : null, type.triggered() ? level : null);
        OrderDecision decision = agents[agent].decide(request, RULES, board, candles.get(Math.max(0, step - 1)).closeTime());
        if (decision instanceof OrderDecision.FillsNow now) {
            agents[agent].filled(now.fill());
        } else if (decision instanceof OrderDecision.Rests rests) {
            agents[agent].placed(rests.order());
        }
        // a rejection (e.g. the position limit late in a rally) just means no order: the agent carries on
        return request.orderId();
    }

    private static BigDecimal qty(int usdt, BigDecimal price) {
        return BigDecimal.valueOf(usdt).divide(price, 5, RoundingMode.DOWN);
    }

    private static BigDecimal level(BigDecimal price, String factor) {
        return price.multiply(new BigDecimal(factor)).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** How many resting orders filled in the iteration: "occasional" should be visibly non-zero. */
    @TearDown(Level.Iteration)
    public void report() {
        long open = 0;
        for (Sandbox agent : agents) {
            open += agent.openOrders().size();
        }
        System.out.printf("  [%d candle fills over %d steps, %d orders resting]%n", fills, step - 1, open);
    }

    /** Runs this benchmark with its annotated defaults (1 fork, 3 warm-up and 5 measured iterations of 3 s). */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(EngineStepBenchmark.class.getSimpleName()).build()).run();
    }
}
