package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.market.Candle;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A historical_day battle on the real 1m futures candles of 2022-11-09 (the FTX collapse), played
 * over HTTP by two scripted agents: one trading both pairs with market and resting orders, one
 * buying and holding. Every metric of the results is recomputed here from the trade log and the
 * published CSV files, then the battle is rematched with the same orders at the same steps and
 * must give the identical rankings digest.
 */
class HistoricalBattleIntegrationTest extends IntegrationTest {

    private static final String DAY = "2022-11-09";
    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv");
    private static final Path ETH_FILE = HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-" + DAY + ".csv");
    private static final BigDecimal START = new BigDecimal("10000");
    private static final MathContext MC = MathContext.DECIMAL128;

    @Autowired
    EventStore eventStore;

    private BattleApiClient.Account owner;
    private BattleApiClient api;
    private HistoricalCandles btc;
    private HistoricalCandles eth;

    /** An order of the script: placed right after step {@code afterStep}. */
    private record ScriptedOrder(long afterStep, String agent, Map<String, Object> body) {
    }

    @BeforeEach
    void importTheDayAndRegister() {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key")
                .upload("/admin/candles/import", "file", List.of(BTC_FILE, ETH_FILE));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        owner = BattleApiClient.register(port, "Historical owner");
        api = owner.jwt();
        btc = HistoricalCandles.read(BTC_FILE);
        eth = HistoricalCandles.read(ETH_FILE);
    }

    @Test
    void aHistoricalDayIsPlayedScoredFromTheLogAndRematchedToTheSameDigest() {
        String trader = owner.newAgent("Trader");
        String holder = owner.newAgent("Holder");
        List<ScriptedOrder> script = List.of(
                new ScriptedOrder(1, trader, order("BTCUSDT", "buy", "market", "0.1", null, null)),
                new ScriptedOrder(1, trader, order("BTCUSDT", "sell", "take_profit", "0.05", null,
                        btc.step(1).close().multiply(new BigDecimal("1.004")).setScale(1, RoundingMode.HALF_UP))),
                new ScriptedOrder(1, trader, order("BTCUSDT", "sell", "stop_loss", "0.05", null,
                        btc.step(1).close().multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.HALF_UP))),
                new ScriptedOrder(1, holder, order("BTCUSDT", "buy", "market", "0.12", null, null)),
                new ScriptedOrder(300, trader, order("ETHUSDT", "buy", "market", "1", null, null)),
                new ScriptedOrder(600, trader, order("ETHUSDT", "sell", "market", "1", null, null)),
                new ScriptedOrder(900, trader, order("ETHUSDT", "buy", "limit", "0.5", null,
                        eth.step(900).close().multiply(new BigDecimal("0.995")).setScale(2, RoundingMode.HALF_UP))));

        String battleId = createDayBattle("FTX day", trader, holder);
        assertThat(api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", trader, "symbol", "BTCUSDT",
                "side", "buy", "type", "market", "quantity", "0.1")).expectError(422, "NO_PRICE_AVAILABLE")
                .path("message").asText()).isNotBlank();

        play(battleId, script);

        JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
        assertThat(results.get("status").asText()).isEqualTo("completed");
        assertThat(results.get("rankings")).hasSize(2);
        for (JsonNode ranking : results.get("rankings")) {
            checkAgainstIndependentComputation(battleId, ranking);
        }
        assertThat(results.get("winner_agent_id").asText()).isEqualTo(results.at("/rankings/0/agent_id").asText());

        JsonNode replay = api.get("/battles/" + battleId + "/replay?limit=100&offset=1400").expect(200).body();
        assertThat(replay.get("total_snapshots").asLong()).isEqualTo(1440);
        assertThat(replay.get("snapshots")).hasSize(40);
        assertThat(replay.get("has_more").asBoolean()).isFalse();
        assertThat(replay.at("/snapshots/39/virtual_time").asText()).isEqualTo("2022-11-10T00:00:00Z");
        assertThat(replay.at("/snapshots/0/participants/" + holder + "/agent_name").asText()).isEqualTo("Holder");

        JsonNode sessions = api.get("/backtest?strategy_label=battle_" + battleId).expect(200).body().get("sessions");
        assertThat(sessions).hasSize(2);

        checkBaselineAgainstTheRecordedPrices(battleId, results, replay, sessions);

        // rematch: same config and roster, same orders at the same steps, same digest
        JsonNode rematch = api.post("/battles/" + battleId + "/rematch", Map.of()).expect(201).body();
        assertThat(rematch.get("status").asText()).isEqualTo("pending");
        String again = rematch.get("battle_id").asText();
        api.post("/battles/" + again + "/start").expect(200);
        play(again, script);
        JsonNode rematchResults = api.get("/battles/" + again + "/results").expect(200).body();
        assertThat(rematchResults.get("rankings_digest").asText()).isEqualTo(results.get("rankings_digest").asText());
        assertThat(rematchResults.get("rankings").toString()).isEqualTo(results.get("rankings").toString());
    }

    @Test
    void stepsAnswerWithTheVirtualClockAndOrdersRespectTheRules() {
        JsonNode agentA = api.post("/agents", Map.of("name", "A")).expect(201).body();
        String a = agentA.get("agent_id").asText();
        String b = owner.newAgent("B");
        String battleId = createDayBattle("Rules day", a, b);
        // before the first price there is nothing to hold: no baseline, no excess
        JsonNode unpriced = api.get("/battles/" + battleId + "/live").expect(200).body();
        assertThat(unpriced.get("baseline").isNull()).as(unpriced.toString()).isTrue();
        assertThat(unpriced.at("/rankings/0/excess_roi_pct").isNull()).isTrue();

        JsonNode first = api.post("/battles/" + battleId + "/step").expect(200).body();
        assertThat(first.get("step").asLong()).isEqualTo(1);
        assertThat(first.get("total_steps").asLong()).isEqualTo(1440);
        assertThat(first.get("virtual_time").asText()).isEqualTo("2022-11-09T00:01:00Z");
        assertThat(first.get("progress_pct").asText()).isEqualTo("0.07");
        assertThat(first.get("is_complete").asBoolean()).isFalse();
        assertThat(new BigDecimal(first.at("/prices/BTCUSDT").asText())).isEqualByComparingTo(btc.step(1).close());
        assertThat(first.at("/participants/0/equity").asText()).isEqualTo("10000.00");

        JsonNode batch = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 59)).expect(200).body();
        assertThat(batch.get("step").asLong()).isEqualTo(60);
        assertThat(batch.get("virtual_time").asText()).isEqualTo("2022-11-09T01:00:00Z");
        JsonNode prices = api.get("/battles/" + battleId + "/market/prices").expect(200).body();
        assertThat(new BigDecimal(prices.at("/prices/ETHUSDT").asText())).isEqualByComparingTo(eth.step(60).close());

        // the risk profile: 50% of equity per order at most
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT", "side", "buy",
                "type", "market", "quantity", "0.4")).expectError(422, "ORDER_TOO_LARGE");
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "SOLUSDT", "side", "buy",
                "type", "market", "quantity", "1")).expectError(422, "INVALID_SYMBOL");
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT", "side", "sell",
                "type", "market", "quantity", "0.01")).expectError(422, "INSUFFICIENT_HOLDINGS");
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT", "side", "hold",
                "type", "market", "quantity", "0.01")).expectError(400, "VALIDATION_ERROR");
        // the agent trades with its own key; naming another agent with it is refused
        BattleApiClient agentKey = BattleApiClient.withApiKey(port, agentA.get("api_key").asText());
        JsonNode own = agentKey.post("/battles/" + battleId + "/trade/order", Map.of("symbol", "ETHUSDT", "side", "buy",
                "type", "market", "quantity", "0.5")).expect(201).body();
        assertThat(own.get("agent_id").asText()).isEqualTo(a);
        assertThat(own.get("status").asText()).isEqualTo("filled");
        assertThat(new BigDecimal(own.get("executed_price").asText())).isGreaterThan(eth.step(60).close());
        agentKey.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", b, "symbol", "ETHUSDT", "side", "buy",
                "type", "market", "quantity", "0.5")).expectError(403, "PERMISSION_DENIED");
        agentKey.post("/battles/" + battleId + "/step").expectError(403, "PERMISSION_DENIED");

        api.post("/battles/" + battleId + "/participants/" + a + "/pause").expect(200);
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT", "side", "buy",
                "type", "market", "quantity", "0.01")).expectError(422, "PARTICIPANT_PAUSED");
        api.post("/battles/" + battleId + "/participants/" + a + "/resume").expect(200);

        JsonNode resting = api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", b, "symbol", "BTCUSDT",
                "side", "buy", "type", "limit", "quantity", "0.01", "price", "1000")).expect(201).body();
        assertThat(resting.get("status").asText()).isEqualTo("open");
        api.delete("/battles/" + battleId + "/trade/order/" + resting.get("order_id").asText() + "?agent_id=" + b)
                .expect(204);
        api.delete("/battles/" + battleId + "/trade/order/" + resting.get("order_id").asText() + "?agent_id=" + b)
                .expectError(404, "ORDER_NOT_FOUND");

        api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 0)).expectError(400, "VALIDATION_ERROR");
        api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 1001)).expectError(400, "VALIDATION_ERROR");
        api.get("/battles/" + battleId + "/results").expectError(400, "BATTLE_NOT_COMPLETED");

        JsonNode live = api.get("/battles/" + battleId + "/live").expect(200).body();
        assertThat(live.get("elapsed_seconds").asLong()).isEqualTo(3600);
        assertThat(live.get("participants")).hasSize(2);
        assertThat(live.at("/participants/0/rank").asInt()).isEqualTo(1);
        assertThat(live.at("/participants/0/trade_count").asLong() + live.at("/participants/1/trade_count").asLong())
                .isEqualTo(1);
        // the baseline bought both pairs at step 1 and is valued at the latest step; excess = roi − its roi
        JsonNode liveBaseline = live.get("baseline");
        assertThat(liveBaseline.get("holdings").size()).as(liveBaseline.toString()).isEqualTo(2);
        for (String field : List.of("equity", "roi_pct", "total_pnl")) {
            assertThat(liveBaseline.hasNonNull(field)).as(field).isTrue();
        }
        for (JsonNode row : live.get("rankings")) {
            assertThat(decimal(row, "excess_roi_pct")).as(row.toString())
                    .isEqualByComparingTo(decimal(row, "roi_pct").subtract(decimal(liveBaseline, "roi_pct")));
        }
        // every curve is still flat (a's market buy after step 60 counts from snapshot 61): no psr, no dsr
        for (JsonNode row : live.get("participants")) {
            assertThat(row.get("psr").isNull() && row.get("dsr").isNull()).as(row.toString()).isTrue();
        }
        // 12 steps on, a's ETH moves its curve: probabilities, dsr (2 participants) below psr; b stays flat
        api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 12)).expect(200);
        for (JsonNode row : api.get("/battles/" + battleId + "/live").expect(200).body().get("participants")) {
            if (row.get("agent_id").asText().equals(a)) {
                assertThat(decimal(row, "psr")).as(row.toString()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                assertThat(decimal(row, "dsr")).as(row.toString()).isBetween(BigDecimal.ZERO, decimal(row, "psr"));
            } else {
                assertThat(row.get("psr").isNull()).as(row.toString()).isTrue();
            }
        }

        api.post("/battles/" + battleId + "/stop").expect(200);
        api.get("/battles/" + battleId + "/live").expectError(409, "INVALID_STATE_TRANSITION");
        api.post("/battles/" + battleId + "/step").expectError(409, "INVALID_STATE_TRANSITION");
        assertThat(api.get("/battles/" + battleId + "/results").expect(200).body().get("rankings")).hasSize(2);

        BattleApiClient stranger = BattleApiClient.register(port, "Stranger").jwt();
        stranger.post("/battles/" + battleId + "/step").expectError(404, "BATTLE_NOT_FOUND");
        stranger.get("/battles/" + battleId + "/replay").expectError(404, "BATTLE_NOT_FOUND");
    }

    private String createDayBattle(String name, String first, String second) {
        String battleId = api.post("/battles", Map.of("name", name, "preset", "historical_day",
                "backtest_config", Map.of("start_time", DAY + "T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "candle_interval", "1m", "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body()
                .get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", first)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", second)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);
        return battleId;
    }

    /** Steps to each order's step in batches, places it, and runs the clock to the end. */
    private void play(String battleId, List<ScriptedOrder> script) {
        long step = 0;
        for (ScriptedOrder order : script) {
            step = stepTo(battleId, step, order.afterStep());
            Map<String, Object> body = new LinkedHashMap<>(order.body());
            body.put("agent_id", order.agent());
            api.post("/battles/" + battleId + "/trade/order", body).expect(201);
        }
        JsonNode last = null;
        while (step < 1440) {
            int steps = (int) Math.min(1000, 1440 - step);
            last = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", steps)).expect(200).body();
            step = last.get("step").asLong();
        }
        assertThat(last.get("is_complete").asBoolean()).isTrue();
    }

    private long stepTo(String battleId, long current, long target) {
        while (current < target) {
            int steps = (int) Math.min(1000, target - current);
            current = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", steps)).expect(200).body()
                    .get("step").asLong();
        }
        return current;
    }

    private static Map<String, Object> order(String symbol, String side, String type, String quantity, String unused,
                                             BigDecimal level) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        body.put("side", side);
        body.put("type", type);
        body.put("quantity", quantity);
        if (level != null) {
            body.put(type.equals("limit") ? "price" : "trigger_price", level.toPlainString());
        }
        return body;
    }

    /**
     * Rebuilds the agent's cash and holdings from its trade log, values them on the CSV closes
     * at every step, and derives each metric from that curve: nothing is taken from the server
     * but the fills themselves, and the fills are checked against the candles too.
     */
    private void checkAgainstIndependentComputation(String battleId, JsonNode ranking) {
        String agentId = ranking.get("agent_id").asText();
        String session = api.get("/backtest?strategy_label=battle_" + battleId).expect(200).body().get("sessions")
                .findParents("agent_id").stream().filter(s -> s.get("agent_id").asText().equals(agentId))
                .findFirst().orElseThrow().get("session_id").asText();
        List<JsonNode> trades = new ArrayList<>();
        api.get("/backtest/" + session + "/results/trades").expect(200).body().get("trades").forEach(trades::add);

        BigDecimal cash = START;
        Map<String, BigDecimal> held = new LinkedHashMap<>(Map.of("BTCUSDT", BigDecimal.ZERO, "ETHUSDT", BigDecimal.ZERO));
        List<BigDecimal> curve = new ArrayList<>(List.of(START));
        List<BigDecimal> sells = new ArrayList<>();
        int next = 0;
        for (long step = 1; step <= 1440; step++) {
            // a market order placed after step k fills at k's close and counts from snapshot k+1;
            // a resting order filled by candle s counts in snapshot s
            while (next < trades.size() && effectiveStep(trades.get(next)) <= step && !closeOut(trades.get(next))) {
                JsonNode t = trades.get(next++);
                checkFillAgainstCandles(t);
                BigDecimal qty = new BigDecimal(t.get("quantity").asText());
                BigDecimal total = new BigDecimal(t.get("total").asText());
                if (t.get("side").asText().equals("buy")) {
                    cash = cash.subtract(total);
                    held.merge(t.get("symbol").asText(), qty, BigDecimal::add);
                } else {
                    cash = cash.add(total);
                    held.merge(t.get("symbol").asText(), qty.negate(), BigDecimal::add);
                    sells.add(new BigDecimal(t.get("realized_pnl").asText()));
                }
            }
            curve.add(cash.add(held.get("BTCUSDT").multiply(btc.step(step).close()))
                    .add(held.get("ETHUSDT").multiply(eth.step(step).close())));
        }
        for (; next < trades.size(); next++) { // the close-out after the last step
            JsonNode t = trades.get(next);
            assertThat(t.get("side").asText()).isEqualTo("sell");
            cash = cash.add(new BigDecimal(t.get("total").asText()));
            held.merge(t.get("symbol").asText(), new BigDecimal(t.get("quantity").asText()).negate(), BigDecimal::add);
            sells.add(new BigDecimal(t.get("realized_pnl").asText()));
        }
        assertThat(held.values()).allSatisfy(q -> assertThat(q).isEqualByComparingTo("0"));

        BigDecimal finalEquity = cash;
        assertThat(decimal(ranking, "final_equity")).isEqualByComparingTo(finalEquity.setScale(8, RoundingMode.HALF_EVEN));
        assertThat(decimal(ranking, "total_pnl")).isEqualByComparingTo(finalEquity.subtract(START).setScale(8, RoundingMode.HALF_EVEN));
        assertThat(decimal(ranking, "roi_pct")).isEqualByComparingTo(
                finalEquity.subtract(START).multiply(BigDecimal.valueOf(100)).divide(START, 8, RoundingMode.HALF_EVEN));
        assertThat(ranking.get("total_trades").asLong()).isEqualTo(trades.size());

        // sharpe: simple returns between snapshots, mean / sample std, annualised for 60 s spacing
        List<BigDecimal> returns = new ArrayList<>();
        for (int i = 1; i < curve.size(); i++) {
            returns.add(curve.get(i).divide(curve.get(i - 1), MC).subtract(BigDecimal.ONE));
        }
        BigDecimal mean = returns.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(returns.size()), MC);
        BigDecimal squares = returns.stream().map(r -> r.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal std = squares.divide(BigDecimal.valueOf(returns.size() - 1), MC).sqrt(MC);
        BigDecimal annualisation = BigDecimal.valueOf(31_536_000L / 60).sqrt(MC);
        if (std.signum() == 0) {
            assertThat(ranking.get("sharpe_ratio").isNull()).isTrue();
        } else {
            assertThat(decimal(ranking, "sharpe_ratio").doubleValue())
                    .isCloseTo(mean.divide(std, MC).multiply(annualisation).doubleValue(), within(1e-6));
        }

        checkSharpeStatistics(ranking, returns, mean, std);
        JsonNode record = api.get("/backtest/" + session + "/results").expect(200).body();
        for (String field : List.of("psr", "dsr")) { // the backtest record shows the same statistics
            assertThat(record.get(field)).as(field).isEqualTo(ranking.get(field));
        }

        BigDecimal peak = START;
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        for (BigDecimal equity : curve) {
            peak = peak.max(equity);
            maxDrawdown = maxDrawdown.max(peak.subtract(equity).multiply(BigDecimal.valueOf(100)).divide(peak, MC));
        }
        assertThat(decimal(ranking, "max_drawdown_pct").doubleValue()).isCloseTo(maxDrawdown.doubleValue(), within(1e-7));

        long wins = sells.stream().filter(p -> p.signum() > 0).count();
        BigDecimal profit = sells.stream().filter(p -> p.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal loss = sells.stream().filter(p -> p.signum() < 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sells).isNotEmpty();
        assertThat(decimal(ranking, "win_rate")).isEqualByComparingTo(BigDecimal.valueOf(wins * 100)
                .divide(BigDecimal.valueOf(sells.size()), 8, RoundingMode.HALF_EVEN));
        if (loss.signum() == 0) {
            assertThat(ranking.get("profit_factor").isNull()).isTrue();
        } else {
            assertThat(decimal(ranking, "profit_factor")).isEqualByComparingTo(profit.divide(loss.abs(), 8, RoundingMode.HALF_EVEN));
        }
    }

    /**
     * psr and dsr recomputed from the independently rebuilt curve's returns with the formulas of
     * Bailey and López de Prado: population skewness and kurtosis, σ(SR) = √((1 − γ₃SR + (γ₄−1)/4·SR²)
     * / (n−1)), psr = Φ(SR/σ), dsr = Φ((SR − SR₀)/σ) with SR₀ the expected best of the battle's two
     * luck-only participants, √(1/(n−1))·((1−γ)Φ⁻¹(1/2) + γΦ⁻¹(1 − 1/(2e))).
     */
    private static void checkSharpeStatistics(JsonNode ranking, List<BigDecimal> returns, BigDecimal mean, BigDecimal std) {
        if (std.signum() == 0) {
            assertThat(ranking.get("psr").isNull()).isTrue();
            assertThat(ranking.get("dsr").isNull()).isTrue();
            return;
        }
        int n = returns.size();
        BigDecimal m2 = BigDecimal.ZERO;
        BigDecimal m3 = BigDecimal.ZERO;
        BigDecimal m4 = BigDecimal.ZERO;
        for (BigDecimal r : returns) {
            BigDecimal d = r.subtract(mean);
            m2 = m2.add(d.pow(2));
            m3 = m3.add(d.pow(3));
            m4 = m4.add(d.pow(4));
        }
        double sr = mean.divide(std, MC).doubleValue();
        double variance = m2.doubleValue() / n;
        double skew = m3.doubleValue() / n / Math.pow(variance, 1.5);
        double kurt = m4.doubleValue() / n / (variance * variance);
        double sigma = Math.sqrt((1 - skew * sr + (kurt - 1) / 4 * sr * sr) / (n - 1));
        var normal = new org.apache.commons.math3.distribution.NormalDistribution();
        double gamma = 0.5772156649015329;
        double sr0 = Math.sqrt(1.0 / (n - 1)) * ((1 - gamma) * normal.inverseCumulativeProbability(0.5)
                + gamma * normal.inverseCumulativeProbability(1 - 1 / (2 * Math.E)));
        double psr = normal.cumulativeProbability(sr / sigma);
        double dsr = normal.cumulativeProbability((sr - sr0) / sigma);
        assertThat(decimal(ranking, "psr").doubleValue()).isCloseTo(psr, within(2e-6));
        assertThat(decimal(ranking, "dsr").doubleValue()).isCloseTo(dsr, within(2e-6));
        assertThat(decimal(ranking, "dsr")).isLessThanOrEqualTo(decimal(ranking, "psr"));
    }

    private static long effectiveStep(JsonNode trade) {
        long step = trade.get("step").asLong();
        return trade.get("type").asText().equals("market") ? step + 1 : step;
    }

    /** Close-out sells happen after the last step, at its prices. */
    private static boolean closeOut(JsonNode trade) {
        return trade.get("type").asText().equals("market") && trade.get("step").asLong() == 1440;
    }

    /** Fee 0.1% of notional; market fills at the step's close moved against the taker; resting fills inside the candle. */
    private void checkFillAgainstCandles(JsonNode t) {
        BigDecimal qty = new BigDecimal(t.get("quantity").asText());
        BigDecimal price = new BigDecimal(t.get("price").asText());
        BigDecimal fee = new BigDecimal(t.get("fee").asText());
        BigDecimal notional = qty.multiply(price);
        assertThat(fee.doubleValue()).isCloseTo(notional.multiply(new BigDecimal("0.001")).doubleValue(), within(1e-7));
        HistoricalCandles.Row candle = (t.get("symbol").asText().equals("BTCUSDT") ? btc : eth).step(t.get("step").asLong());
        boolean buy = t.get("side").asText().equals("buy");
        if (t.get("type").asText().equals("market")) {
            BigDecimal slippage = new BigDecimal(t.get("slippage_pct").asText());
            assertThat(slippage).isBetween(new BigDecimal("0.01"), new BigDecimal("10"));
            BigDecimal expected = candle.close().multiply(BigDecimal.ONE.add(
                    (buy ? slippage : slippage.negate()).divide(BigDecimal.valueOf(100), MC)));
            assertThat(price.doubleValue()).isCloseTo(expected.doubleValue(), within(1e-6));
        } else {
            assertThat(price).isBetween(candle.low().multiply(new BigDecimal("0.89")), candle.high().multiply(new BigDecimal("1.11")));
        }
    }

    /**
     * The buy-and-hold baseline worked again from the prices the log recorded (each BattleStepped's
     * candles, read from the event store), by the rules of docs/metrics.md and trading-rules.md
     * written out here: 5,000 USDT per pair at step 1's close, slippage clamp(0.1 × notional /
     * quote volume, 0.01 %, 10 %) of the buy's own notional, price rounded up to 8 dp, fee 0.1 %
     * (8 dp half-even), the largest 8-dp quantity whose total fits the share; then cash plus the
     * quantities at each step's closes. /results, every replay snapshot of the last page, the
     * backtest records and each participant's excess_roi_pct must agree.
     */
    private void checkBaselineAgainstTheRecordedPrices(String battleId, JsonNode results, JsonNode replay,
                                                       JsonNode sessions) {
        List<BattleStepped> steps = new ArrayList<>();
        eventStore.readEvents(battleId, 0).asStream().map(m -> m.getPayload())
                .filter(BattleStepped.class::isInstance).map(BattleStepped.class::cast).forEach(steps::add);
        assertThat(steps).hasSize(1440);
        Map<String, BigDecimal> closes = new LinkedHashMap<>();
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        BigDecimal cash = START;
        Map<Long, BigDecimal> equityBySteps = new LinkedHashMap<>();
        for (BattleStepped step : steps) {
            for (Candle candle : step.candles()) {
                closes.put(candle.symbol(), candle.close());
                if (!quantities.containsKey(candle.symbol())) {
                    BigDecimal[] bought = buyShare(new BigDecimal("5000"), candle.close(), candle.quoteVolumeOrEstimate());
                    quantities.put(candle.symbol(), bought[0]);
                    cash = cash.subtract(bought[1]);
                }
            }
            BigDecimal equity = cash;
            for (var held : quantities.entrySet()) {
                equity = equity.add(held.getValue().multiply(closes.get(held.getKey())));
            }
            equityBySteps.put(step.step(), equity.setScale(8, RoundingMode.HALF_EVEN));
        }
        assertThat(quantities).containsOnlyKeys("BTCUSDT", "ETHUSDT");

        BigDecimal finalEquity = equityBySteps.get(1440L);
        BigDecimal finalRoi = roi(finalEquity);
        JsonNode baseline = results.get("baseline");
        assertThat(decimal(baseline, "equity")).as(baseline.toString()).isEqualByComparingTo(finalEquity);
        assertThat(decimal(baseline, "roi_pct")).isEqualByComparingTo(finalRoi);
        assertThat(decimal(baseline, "total_pnl")).isEqualByComparingTo(finalEquity.subtract(START));
        quantities.forEach((symbol, quantity) ->
                assertThat(decimal(baseline.get("holdings"), symbol)).as(symbol).isEqualByComparingTo(quantity));
        for (JsonNode ranking : results.get("rankings")) {
            assertThat(decimal(ranking, "excess_roi_pct")).as(ranking.toString())
                    .isEqualByComparingTo(decimal(ranking, "roi_pct").subtract(finalRoi));
        }
        for (JsonNode session : sessions) {
            assertThat(decimal(session, "excess_roi_pct")).isEqualByComparingTo(decimal(session, "roi_pct").subtract(finalRoi));
            assertThat(decimal(session.get("baseline"), "equity")).isEqualByComparingTo(finalEquity);
        }
        for (JsonNode snapshot : replay.get("snapshots")) {
            BigDecimal expected = equityBySteps.get(snapshot.get("step").asLong());
            assertThat(decimal(snapshot.get("baseline"), "equity")).as(snapshot.toString()).isEqualByComparingTo(expected);
            assertThat(decimal(snapshot.get("baseline"), "roi_pct")).isEqualByComparingTo(roi(expected));
        }
        JsonNode first = api.get("/battles/" + battleId + "/replay?limit=1").expect(200).body();
        assertThat(decimal(first.at("/snapshots/0/baseline"), "equity")).isEqualByComparingTo(equityBySteps.get(1L));
    }

    private static BigDecimal roi(BigDecimal equity) {
        return equity.subtract(START).multiply(BigDecimal.valueOf(100)).divide(START, 8, RoundingMode.HALF_EVEN);
    }

    /** {quantity, total paid} of one pair's share, as docs/trading-rules.md prices a market buy. */
    private static BigDecimal[] buyShare(BigDecimal share, BigDecimal close, BigDecimal quoteVolume) {
        BigDecimal feeRate = new BigDecimal("0.001");
        BigDecimal worst = close.multiply(BigDecimal.ONE.add(slippage(share, quoteVolume))).setScale(8, RoundingMode.UP);
        BigDecimal quantity = share.divide(worst.multiply(BigDecimal.ONE.add(feeRate)), 8, RoundingMode.DOWN);
        while (true) {
            BigDecimal notionalAtClose = quantity.multiply(close).setScale(8, RoundingMode.HALF_EVEN);
            BigDecimal price = close.multiply(BigDecimal.ONE.add(slippage(notionalAtClose, quoteVolume)))
                    .setScale(8, RoundingMode.UP);
            BigDecimal notional = quantity.multiply(price).setScale(8, RoundingMode.HALF_EVEN);
            BigDecimal total = notional.add(notional.multiply(feeRate).setScale(8, RoundingMode.HALF_EVEN));
            if (total.compareTo(share) <= 0) {
                return new BigDecimal[]{quantity, total};
            }
            quantity = quantity.subtract(new BigDecimal("0.00000001"));
        }
    }

    private static BigDecimal slippage(BigDecimal notional, BigDecimal quoteVolume) {
        BigDecimal raw = new BigDecimal("0.1").multiply(notional).divide(quoteVolume, 10, RoundingMode.HALF_EVEN);
        return raw.max(new BigDecimal("0.0001")).min(new BigDecimal("0.1"));
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return new BigDecimal(node.get(field).asText());
    }
}
