package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.metrics.BattleStandings.Standing;
import com.agentbattles.query.battle.BattleTradingReadModel;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /live} ranks from the trackers the projection keeps after each snapshot: over a real
 * day of Binance candles it answers, field for field and digit for digit, what folding every
 * snapshot and fill of the read model (the path /live took before) gives, at several points and at
 * the end, and the completed battle's results and audit agree with the same fold.
 */
class KeptLiveStandingsIntegrationTest extends IntegrationTest {

    private static final String DAY = "2022-11-09";
    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv");
    private static final Path ETH_FILE = HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-" + DAY + ".csv");

    @Autowired
    BattleTradingReadModel trading;

    @Autowired
    JdbcTemplate jdbc;

    private BattleApiClient.Account owner;
    private BattleApiClient api;

    @BeforeEach
    void importTheDay() {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key")
                .upload("/admin/candles/import", "file", List.of(BTC_FILE, ETH_FILE));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        owner = BattleApiClient.register(port, "Kept standings owner");
        api = owner.jwt();
    }

    @Test
    void liveAnswersWhatTheFoldOfEverySnapshotGivesThroughARealDayAndTheResultsAgree() {
        String trader = owner.newAgent("Trader");
        String swinger = owner.newAgent("Swinger");
        String idle = owner.newAgent("Idle");
        String battleId = api.post("/battles", Map.of("name", "Kept standings day", "preset", "historical_day",
                "backtest_config", Map.of("start_time", DAY + "T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "candle_interval", "1m", "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body()
                .get("battle_id").asText();
        for (String agent : List.of(trader, swinger, idle)) {
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", agent)).expect(201);
        }
        api.post("/battles/" + battleId + "/start").expect(200);
        List<String> roster = List.of(trader, swinger, idle);

        assertLiveEqualsTheFold(battleId, roster);
        long step = stepTo(battleId, 0, 1);
        order(battleId, trader, "BTCUSDT", "buy", "0.1");
        order(battleId, swinger, "ETHUSDT", "buy", "1");
        step = stepTo(battleId, step, 120);
        assertLiveEqualsTheFold(battleId, roster);
        for (int swing = 0; swing < 6; swing++) {
            order(battleId, swinger, "ETHUSDT", "sell", "1");
            step = stepTo(battleId, step, step + 97);
            order(battleId, swinger, "ETHUSDT", "buy", "1");
            order(battleId, trader, "BTCUSDT", swing % 2 == 0 ? "sell" : "buy", "0.05");
            step = stepTo(battleId, step, step + 113);
            assertLiveEqualsTheFold(battleId, roster);
        }
        step = stepTo(battleId, step, 1439);
        JsonNode end = assertLiveEqualsTheFold(battleId, roster);
        assertThat(end.get("rankings")).anySatisfy(row -> assertThat(row.hasNonNull("psr")).isTrue());
        assertThat(end.get("rankings")).anySatisfy(row -> assertThat(row.hasNonNull("win_rate")).isTrue());

        // the last step completes the battle: its psr and dsr come from the kept trackers too
        stepTo(battleId, step, 1440);
        JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
        Map<String, Standing> folded = new java.util.HashMap<>();
        fold(battleId, roster).forEach(s -> folded.put(s.agentId(), s));
        assertThat(results.get("rankings")).hasSize(3);
        for (JsonNode row : results.get("rankings")) {
            Standing standing = folded.get(row.get("agent_id").asText());
            assertDecimal(row, "psr", Money.plain(standing.metrics().psr()));
            assertDecimal(row, "dsr", Money.plain(standing.metrics().dsr()));
        }
        assertThat(api.get("/battles/" + battleId + "/audit").expect(200).body().get("matches").asBoolean()).isTrue();
    }

    /** Every field of every ranking row of /live against the fold rendered as /live renders it. */
    private JsonNode assertLiveEqualsTheFold(String battleId, List<String> roster) {
        JsonNode live = api.get("/battles/" + battleId + "/live").expect(200).body();
        assertThat(live.get("ranking_metric").asText()).as("the preset's metric, folded below").isEqualTo("roi_pct");
        List<Standing> folded = fold(battleId, roster);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM battle_standing WHERE battle_id = ? AND tracker IS NOT NULL",
                Long.class, battleId)).as("every participant ranked from its kept tracker").isEqualTo(3L);
        assertThat(trading.standings(battleId, RankingMetric.ROI_PCT, false, Duration.ofMinutes(1), roster,
                new BigDecimal("10000"), Long.MAX_VALUE, Long.MAX_VALUE).ranked())
                .as("kept standings, every metric at its scale").isEqualTo(folded);
        JsonNode rows = live.get("rankings");
        assertThat(rows).hasSize(folded.size());
        for (int i = 0; i < folded.size(); i++) {
            JsonNode row = rows.get(i);
            Standing s = folded.get(i);
            var m = s.metrics();
            String at = "step " + live.get("step").asLong() + " row " + i;
            assertThat(row.get("rank").asInt()).as(at).isEqualTo(s.rank());
            assertThat(row.get("agent_id").asText()).as(at).isEqualTo(s.agentId());
            assertDecimal(row, "equity", Money.display(m.equity()));
            assertDecimal(row, "roi_pct", Money.plain(m.roiPct()));
            assertDecimal(row, "total_pnl", Money.display(m.totalPnl()));
            assertThat(row.get("trade_count").asLong()).as(at).isEqualTo(m.totalTrades());
            assertDecimal(row, "win_rate", Money.plain(m.winRate()));
            assertDecimal(row, "sharpe_ratio", Money.plain(m.sharpeRatio()));
            assertDecimal(row, "psr", Money.plain(m.psr()));
            assertDecimal(row, "dsr", Money.plain(m.dsr()));
            assertDecimal(row, "max_drawdown_pct", Money.plain(m.maxDrawdownPct()));
            assertThat(row.get("eliminated_at").isNull()).as(at).isEqualTo(s.eliminatedAt() == null);
        }
        return live;
    }

    /** The standings as /live computed them before: every snapshot and fill folded through the tracker. */
    private List<Standing> fold(String battleId, List<String> roster) {
        return trading.foldedStandings(battleId, RankingMetric.ROI_PCT, false, Duration.ofMinutes(1), roster,
                new BigDecimal("10000"), Long.MAX_VALUE, Long.MAX_VALUE).ranked();
    }

    private static void assertDecimal(JsonNode row, String field, BigDecimal expected) {
        if (expected == null) {
            assertThat(row.get(field).isNull()).as(field + " in " + row).isTrue();
        } else {
            // as /live writes it: the digits of the rendered decimal, as text
            assertThat(row.get(field).asText()).as(field + " in " + row).isEqualTo(expected.toPlainString());
        }
    }

    private void order(String battleId, String agent, String symbol, String side, String quantity) {
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", agent, "symbol", symbol, "side", side,
                "type", "market", "quantity", quantity)).expect(201);
    }

    private long stepTo(String battleId, long current, long target) {
        while (current < target) {
            int steps = (int) Math.min(1000, target - current);
            current = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", steps)).expect(200).body()
                    .get("step").asLong();
        }
        return current;
    }
}
