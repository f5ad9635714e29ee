package com.agentbattles.api.battle;

import com.agentbattles.api.BattlesApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live battle survives a restart of the server: the snapshots taken before it stay in the
 * log, the clock picks the battle up again after it, and the battle still ends at its deadline
 * (recorded at the deadline), with the fresh wallets given back. Real time: a one-minute battle.
 */
class LiveBattleRestartTest {

    private static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    @Test
    void aLiveBattleKeepsItsSnapshotsAndEndsAtItsDeadlineAcrossARestart() {
        String battleId;
        BattleApiClient.Account owner;
        String traderKey;
        List<Long> sequencesBefore;
        try (ConfigurableApplicationContext first = start()) {
            int port = port(first);
            var upload = new com.agentbattles.api.support.ApiClient(port).withHeader("X-Admin-Key", "restart-admin")
                    .upload("/admin/candles/import", "file", List.of(
                            HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv"),
                            HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-2022-11-09.csv")));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
            owner = BattleApiClient.register(port, "Live restarter");
            BattleApiClient api = owner.jwt();
            JsonNode trader = api.post("/agents", Map.of("name", "Trader")).expect(201).body();
            traderKey = trader.get("api_key").asText();
            String holder = owner.newAgent("Holder");
            BattleApiClient traderApi = BattleApiClient.withApiKey(port, traderKey);
            awaitPrice(traderApi);

            battleId = api.post("/battles", Map.of("name", "Interrupted minute", "preset", "quick_1h",
                    "duration_minutes", 1)).expect(201).body().get("battle_id").asText();
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", trader.get("agent_id").asText()))
                    .expect(201);
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", holder)).expect(201);
            api.post("/battles/" + battleId + "/start").expect(200);

            // the trader buys inside the battle with its own key, once its battle wallet is there
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> traderApi.post("/trade/order",
                    Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market", "quantity", "0.01")).status() == 201);

            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            String id = battleId;
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> snapshotSequences(jdbc, id).size() >= 3);
            sequencesBefore = snapshotSequences(jdbc, battleId);
        }

        try (ConfigurableApplicationContext second = start()) {
            BattleApiClient api = owner.jwt().onPort(port(second));
            String id = battleId;
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "completed".equals(api.get("/battles/" + id).expect(200).body().get("status").asText()));

            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            List<Long> sequences = snapshotSequences(jdbc, battleId);
            // nothing lost, nothing taken twice: 1, 2, 3, … with the ones from before the restart first
            assertThat(sequences).startsWith(sequencesBefore.toArray(Long[]::new));
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(i + 1L);
            }
            assertThat(sequences.size()).isGreaterThan(sequencesBefore.size());

            JsonNode battle = api.get("/battles/" + battleId).expect(200).body();
            Instant startedAt = Instant.parse(battle.get("started_at").asText());
            Instant completedAt = Instant.parse(battle.get("completed_at").asText());
            assertThat(completedAt).as("ended at its deadline, not when the clock happened to notice")
                    .isEqualTo(startedAt.plus(Duration.ofMinutes(1)));

            JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
            assertThat(results.get("rankings")).hasSize(2);

            // fresh mode: the trader's own wallet is what it was before the battle, untouched
            BattleApiClient traderApi = BattleApiClient.withApiKey(port(second), traderKey);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode portfolio = traderApi.get("/account/portfolio").expect(200).body();
                assertThat(new BigDecimal(portfolio.get("total_equity").asText())).isEqualByComparingTo("10000");
                assertThat(portfolio.get("positions")).isEmpty();
            });
        }
    }

    private static void awaitPrice(BattleApiClient api) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/market/price/BTCUSDT").status() == 200);
    }

    /** The sequence of every snapshot the battle recorded, in log order. */
    private static List<Long> snapshotSequences(JdbcTemplate jdbc, String battleId) {
        return jdbc.query("""
                        SELECT payload FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE '%LiveSnapshotTaken'
                        ORDER BY sequence_number""",
                (row, n) -> {
                    try {
                        return BattleApiClient.JSON.readTree(row.getBytes(1)).get("sequence").asLong();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, battleId);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BattlesApplication.class)
                .run("--server.port=0", "--battles.data-dir=" + dataDir, "--battles.db.url=",
                        "--battles.admin-key=restart-admin", "--battles.market.feed=replay",
                        "--battles.market.replay.symbols=BTCUSDT,ETHUSDT", "--battles.market.replay.interval=1m",
                        "--battles.market.replay.speed=60",
                        "--battles.live.snapshot-interval=" + SNAPSHOT_EVERY.toMillis() + "ms",
                        "--battles.live.clock-tick=100ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
