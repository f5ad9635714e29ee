package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.battle.TradingOutcomes;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A live battle on the read side: snapshots and fills sent as the live clock and an agent would
 * (straight through the command gateway: no live feed in tests), then {@code /live},
 * {@code /replay} and {@code /results} read over HTTP.
 */
class LiveBattleMonitoringIntegrationTest extends IntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final BigDecimal START = new BigDecimal("10000");

    @Autowired
    CommandGateway commands;

    /** A started quick_1h battle (live, 10,000 USDT, snapshots every 5 s) of two agents, wallets provisioned. */
    record LiveBattle(String battleId, BattleApiClient.Account owner, String first, String second, Instant startedAt) {
    }

    static LiveBattle startLiveBattle(int port, CommandGateway commands) {
        BattleApiClient.Account owner = BattleApiClient.register(port, "Live owner");
        String battleId = owner.jwt().post("/battles", Map.of("name", "Live", "preset", "quick_1h")).expect(201)
                .body().get("battle_id").asText();
        String first = owner.newAgent("Momentum");
        String second = owner.newAgent("Scalper");
        for (String agentId : List.of(first, second)) {
            owner.jwt().post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId)).expect(201);
        }
        JsonNode started = owner.jwt().post("/battles/" + battleId + "/start").expect(200).body();
        return new LiveBattle(battleId, owner, first, second, Instant.parse(started.get("started_at").asText()));
    }

    static List<Quote> quotes(String btc, String eth, Instant at) {
        BigDecimal volume = new BigDecimal("1000000000");
        return List.of(new Quote("BTCUSDT", new BigDecimal(btc), volume, at), new Quote("ETHUSDT", new BigDecimal(eth), volume, at));
    }

    /** Places a market order, retrying (with a deadline) while the custody saga still provisions the wallet. */
    static void marketOrder(CommandGateway commands, LiveBattle battle, String agentId, String symbol, OrderSide side,
                            String quantity, List<Quote> quotes) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                TradingOutcomes.OrderOutcome outcome = commands.sendAndWait(new PlaceBattleOrder(battle.battleId(), battle.owner().accountId(), agentId,
                        new OrderRequest(UUID.randomUUID().toString(), symbol, side, OrderType.MARKET,
                                new BigDecimal(quantity), null, null), quotes, Instant.now()));
                assertThat(outcome.status()).as(String.valueOf(outcome)).isEqualTo("filled");
                return;
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("still being provisioned") || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    static void snapshot(CommandGateway commands, LiveBattle battle, List<Quote> quotes, Instant at) {
        commands.sendAndWait(new CaptureLiveSnapshot(battle.battleId(), quotes, at));
    }

    /**
     * The buy-and-hold baseline of a live battle, worked here: 5,000 USDT per pair at the first
     * snapshot's quotes (61000, 2900; volume 1e9, so slippage sits at its 0.01 % floor: 61006.1 and
     * 2900.29), the largest 8-dp quantity whose notional + 0.1 % fee fits, the rest cash; valued
     * at each snapshot's quotes. /live shows the latest (62000, 3050), the replay each snapshot.
     */
    private static void checkBaseline(JsonNode live, JsonNode snapshots) {
        BigDecimal cash = START;
        Map<String, BigDecimal> quantities = new java.util.TreeMap<>();
        for (var first : Map.of("BTCUSDT", "61006.1", "ETHUSDT", "2900.29").entrySet()) {
            BigDecimal price = new BigDecimal(first.getValue());
            BigDecimal quantity = new BigDecimal("5000").divide(price.multiply(new BigDecimal("1.001")), 8, RoundingMode.DOWN);
            BigDecimal notional = quantity.multiply(price).setScale(8, RoundingMode.HALF_EVEN);
            BigDecimal total = notional.add(notional.multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.HALF_EVEN));
            assertThat(total).isLessThanOrEqualTo(new BigDecimal("5000"));
            quantities.put(first.getKey(), quantity);
            cash = cash.subtract(total);
        }
        List<BigDecimal[]> prices = List.of(new BigDecimal[]{new BigDecimal("61000"), new BigDecimal("2900")},
                new BigDecimal[]{new BigDecimal("62000"), new BigDecimal("3100")},
                new BigDecimal[]{new BigDecimal("62000"), new BigDecimal("3050")});
        BigDecimal equity = null;
        for (int i = 0; i < 3; i++) {
            equity = cash.add(quantities.get("BTCUSDT").multiply(prices.get(i)[0]))
                    .add(quantities.get("ETHUSDT").multiply(prices.get(i)[1])).setScale(8, RoundingMode.HALF_EVEN);
            JsonNode point = snapshots.get(i).get("baseline");
            assertThat(new BigDecimal(point.get("equity").asText())).as(point.toString()).isEqualByComparingTo(equity);
            assertThat(new BigDecimal(point.get("roi_pct").asText())).isEqualByComparingTo(roi(equity));
        }
        JsonNode baseline = live.get("baseline");
        assertThat(new BigDecimal(baseline.get("equity").asText())).as(baseline.toString()).isEqualByComparingTo(equity);
        assertThat(new BigDecimal(baseline.get("total_pnl").asText())).isEqualByComparingTo(equity.subtract(START));
        quantities.forEach((symbol, quantity) -> assertThat(new BigDecimal(baseline.at("/holdings/" + symbol).asText()))
                .as(symbol).isEqualByComparingTo(quantity));
        for (JsonNode row : live.get("rankings")) {
            assertThat(new BigDecimal(row.get("excess_roi_pct").asText())).as(row.toString()).isEqualByComparingTo(
                    new BigDecimal(row.get("roi_pct").asText()).subtract(roi(equity)));
        }
    }

    private static BigDecimal roi(BigDecimal equity) {
        return equity.subtract(START).multiply(BigDecimal.valueOf(100)).divide(START, 8, RoundingMode.HALF_EVEN);
    }

    @Test
    void aRunningLiveBattleIsRankedFromItsSnapshotsAndFills() {
        LiveBattle battle = startLiveBattle(port, commands);
        Instant t0 = battle.startedAt();
        marketOrder(commands, battle, battle.first(), "BTCUSDT", OrderSide.BUY, "0.03", quotes("60000", "3000", t0));
        marketOrder(commands, battle, battle.second(), "ETHUSDT", OrderSide.BUY, "0.5", quotes("60000", "3000", t0));
        snapshot(commands, battle, quotes("61000", "2900", t0.plusSeconds(5)), t0.plusSeconds(5));
        marketOrder(commands, battle, battle.first(), "BTCUSDT", OrderSide.SELL, "0.03", quotes("61000", "2900", t0));
        snapshot(commands, battle, quotes("62000", "3100", t0.plusSeconds(10)), t0.plusSeconds(10));
        snapshot(commands, battle, quotes("62000", "3050", t0.plusSeconds(15)), t0.plusSeconds(15));

        BattleApiClient owner = battle.owner().jwt();
        JsonNode replay = owner.get("/battles/" + battle.battleId() + "/replay").expect(200).body();
        assertThat(replay.get("total_snapshots").asLong()).isEqualTo(3);
        assertThat(replay.get("has_more").asBoolean()).isFalse();
        JsonNode snapshots = replay.get("snapshots");
        for (int i = 0; i < 3; i++) {
            JsonNode snapshot = snapshots.get(i);
            assertThat(snapshot.get("step").asLong()).isEqualTo(i + 1);
            assertThat(snapshot.get("virtual_time").isNull()).isTrue();
            assertThat(Instant.parse(snapshot.get("timestamp").asText())).isEqualTo(t0.plusSeconds(5L * (i + 1)));
            assertThat(snapshot.get("participants").size()).isEqualTo(2);
            assertThat(snapshot.get("participants").get(battle.first()).get("agent_name").asText()).isEqualTo("Momentum");
        }

        JsonNode live = owner.get("/battles/" + battle.battleId() + "/live").expect(200).body();
        assertThat(live.get("status").asText()).isEqualTo("active");
        assertThat(live.get("battle_mode").asText()).isEqualTo("live");
        assertThat(live.get("virtual_time").isNull()).isTrue();
        assertThat(live.get("step").asLong()).isEqualTo(3);
        assertThat(live.get("elapsed_seconds").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode rankings = live.get("rankings");
        assertThat(rankings).hasSize(2);
        BigDecimal previousRoi = null;
        for (int i = 0; i < 2; i++) {
            JsonNode row = rankings.get(i);
            String agentId = row.get("agent_id").asText();
            assertThat(row.get("rank").asInt()).isEqualTo(i + 1);
            // equity is the last snapshot's; ROI and PnL recomputed here from it
            BigDecimal equity = new BigDecimal(row.get("equity").asText());
            BigDecimal lastEquity = new BigDecimal(snapshots.get(2).get("participants").get(agentId).get("equity").asText());
            assertThat(equity).isEqualByComparingTo(lastEquity);
            BigDecimal roi = equity.subtract(START).multiply(BigDecimal.valueOf(100)).divide(START, 8, RoundingMode.HALF_EVEN);
            assertThat(new BigDecimal(row.get("roi_pct").asText())).isEqualByComparingTo(roi);
            assertThat(new BigDecimal(row.get("total_pnl").asText())).isEqualByComparingTo(equity.subtract(START));
            if (previousRoi != null) {
                assertThat(roi).isLessThanOrEqualTo(previousRoi); // ranked by roi_pct, the preset's metric
            }
            previousRoi = roi;
            // sharpe from the three snapshots' returns, annualised by the 5 s spacing
            List<BigDecimal> curve = new ArrayList<>(List.of(START));
            snapshots.forEach(s -> curve.add(new BigDecimal(s.get("participants").get(agentId).get("equity").asText())));
            assertThat(row.get("sharpe_ratio").asDouble()).isCloseTo(sharpe(curve, 5), within(1e-3));
            assertThat(row.get("elapsed_seconds").asLong()).isEqualTo(live.get("elapsed_seconds").asLong());
        }
        JsonNode momentum = row(rankings, battle.first());
        assertThat(momentum.get("agent_name").asText()).isEqualTo("Momentum");
        assertThat(momentum.get("trade_count").asLong()).isEqualTo(2);
        assertThat(new BigDecimal(momentum.get("win_rate").asText())).isEqualByComparingTo("100");
        JsonNode scalper = row(rankings, battle.second());
        assertThat(scalper.get("trade_count").asLong()).isEqualTo(1);
        assertThat(live.get("participants")).isEqualTo(rankings);
        checkBaseline(live, snapshots);

        // a fill is logged with the sequence of the snapshot before it
        owner.post("/battles/" + battle.battleId() + "/stop").expect(200);
        owner.get("/battles/" + battle.battleId() + "/live").expectError(409, "INVALID_STATE_TRANSITION");
        JsonNode results = owner.get("/battles/" + battle.battleId() + "/results").expect(200).body();
        assertThat(results.get("battle_mode").asText()).isEqualTo("live");
        assertThat(results.get("rankings")).hasSize(2);
        assertThat(owner.get("/battles/" + battle.battleId() + "/replay").expect(200).body()
                .get("total_snapshots").asLong()).isGreaterThanOrEqualTo(3);
    }

    private static JsonNode row(JsonNode rankings, String agentId) {
        for (JsonNode row : rankings) {
            if (row.get("agent_id").asText().equals(agentId)) {
                return row;
            }
        }
        throw new AssertionError("no ranking of " + agentId);
    }

    /** mean / sample std of the simple returns × √(seconds per year / spacing), in doubles. */
    private static double sharpe(List<BigDecimal> curve, long spacingSeconds) {
        List<Double> returns = new ArrayList<>();
        for (int i = 1; i < curve.size(); i++) {
            returns.add(curve.get(i).subtract(curve.get(i - 1)).divide(curve.get(i - 1), MathContext.DECIMAL64).doubleValue());
        }
        double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = returns.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (returns.size() - 1);
        return mean / Math.sqrt(variance) * Math.sqrt(31_536_000.0 / spacingSeconds);
    }
}
