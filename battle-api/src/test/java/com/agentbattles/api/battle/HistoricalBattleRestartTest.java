package com.agentbattles.api.battle;

import com.agentbattles.api.BattlesApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A historical battle in progress survives a restart of the server: the aggregate is rebuilt
 * from its snapshot and events, and the clock, balances and resting orders carry on exactly; a
 * snapshot of an older aggregate shape is ignored and the battle sourced from its events.
 */
class HistoricalBattleRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aBattleStoppedMidwayContinuesFromTheSameStepAfterARestart() {
        String battleId;
        BattleApiClient.Account owner;
        String jwtToken;
        JsonNode beforeRestart;
        String trader;
        try (ConfigurableApplicationContext first = start()) {
            int port = port(first);
            var upload = new com.agentbattles.api.support.ApiClient(port).withHeader("X-Admin-Key", "restart-admin")
                    .upload("/admin/candles/import", "file", List.of(
                            HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv"),
                            HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-2022-11-09.csv")));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
            owner = BattleApiClient.register(port, "Restarter");
            BattleApiClient api = owner.jwt();
            trader = owner.newAgent("Trader");
            String holder = owner.newAgent("Holder");
            battleId = api.post("/battles", Map.of("name", "Interrupted day", "preset", "historical_day",
                    "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                            "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body().get("battle_id").asText();
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", trader)).expect(201);
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", holder)).expect(201);
            api.post("/battles/" + battleId + "/start").expect(200);
            api.post("/battles/" + battleId + "/step").expect(200);
            api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", trader, "symbol", "BTCUSDT",
                    "side", "buy", "type", "market", "quantity", "0.1")).expect(201);
            api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", trader, "symbol", "BTCUSDT",
                    "side", "sell", "type", "limit", "quantity", "0.1", "price", "30000")).expect(201);
            beforeRestart = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 699)).expect(200).body();
            assertThat(beforeRestart.get("step").asLong()).isEqualTo(700);
            // more than 500 events: the aggregate is snapshotted (in the background), and the restart loads that snapshot
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            String id = battleId;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                            Integer.class, id)).isPositive());
            assertThat(jdbc.queryForList("SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                    String.class, id)).containsOnly(com.agentbattles.command.battle.Battle.class
                    .getAnnotation(org.axonframework.serialization.Revision.class).value());
            // an installation upgraded from before the battle core holds snapshots of the old Battle shape (no
            // revision); they must be passed over, not read into the new shape
            jdbc.update("UPDATE snapshot_event_entry SET payload_revision = NULL, payload = convert_to(?, 'UTF8') "
                    + "WHERE aggregate_identifier = ?", "{\"battleId\":\"" + id + "\",\"accountId\":\"" + owner.accountId()
                    + "\",\"name\":\"old shape\",\"status\":\"completed\",\"participants\":{},\"hidden\":false,"
                    + "\"floor\":null,\"startedAt\":null}", id);
        }

        try (ConfigurableApplicationContext second = start()) {
            BattleApiClient api = BattleApiClient.register(port(second), "Someone else").jwt();
            api.post("/battles/" + battleId + "/step").expectError(404, "BATTLE_NOT_FOUND");
            BattleApiClient owned = owner.jwt().onPort(port(second));

            JsonNode next = owned.post("/battles/" + battleId + "/step").expect(200).body();
            assertThat(next.get("step").asLong()).isEqualTo(701);
            assertThat(next.get("virtual_time").asText()).isEqualTo("2022-11-09T11:41:00Z");
            BigDecimal btcClose = HistoricalCandles.read(HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv"))
                    .step(701).close();
            assertThat(new BigDecimal(next.at("/prices/BTCUSDT").asText())).isEqualByComparingTo(btcClose);
            // the trader's position and resting sell are still there: its cash did not change, its holdings moved with BTC
            JsonNode traderBefore = participant(beforeRestart, trader);
            JsonNode traderAfter = participant(next, trader);
            assertThat(traderAfter.get("trade_count").asLong()).isEqualTo(traderBefore.get("trade_count").asLong());
            owned.delete("/battles/" + battleId + "/trade/order/unknown?agent_id=" + trader).expectError(404, "ORDER_NOT_FOUND");

            JsonNode end = owned.post("/battles/" + battleId + "/step/batch", Map.of("steps", 1000)).expect(200).body();
            assertThat(end.get("step").asLong()).isEqualTo(1440);
            assertThat(end.get("is_complete").asBoolean()).isTrue();
            JsonNode results = owned.get("/battles/" + battleId + "/results").expect(200).body();
            assertThat(results.get("rankings")).hasSize(2);
            assertThat(owned.get("/battles/" + battleId + "/replay?limit=10000").expect(200).body()
                    .get("total_snapshots").asLong()).isEqualTo(1440);
        }
    }

    private static JsonNode participant(JsonNode step, String agentId) {
        for (JsonNode p : step.get("participants")) {
            if (p.get("agent_id").asText().equals(agentId)) {
                return p;
            }
        }
        throw new AssertionError("no participant " + agentId + " in " + step);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BattlesApplication.class)
                .run("--server.port=0", "--battles.data-dir=" + dataDir, "--battles.db.url=",
                        "--battles.market.feed=none", "--battles.admin-key=restart-admin");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
