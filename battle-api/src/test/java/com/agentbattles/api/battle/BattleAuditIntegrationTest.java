package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit of a historical battle over HTTP: an honest battle matches on every count (chain,
 * re-derived rankings, re-simulation on the stored candles, candle fingerprint); a fill whose
 * price is changed directly in the database is caught, and the re-simulation names that event.
 */
class BattleAuditIntegrationTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    @Test
    void anHonestBattlePassesTheAuditAndAForgedFillIsFound() throws Exception {
        importTheDay();
        BattleApiClient.Account owner = BattleApiClient.register(port, "Auditor");
        BattleApiClient api = owner.jwt();
        String a = owner.newAgent("A");
        String b = owner.newAgent("B");
        String battleId = api.post("/battles", Map.of("name", "Audited day", "preset", "historical_day",
                "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body().get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", a)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", b)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);
        api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 10)).expect(200);
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT", "side", "buy",
                "type", "market", "quantity", "0.1")).expect(201);
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT", "side", "sell",
                "type", "stop_loss", "quantity", "0.1", "trigger_price", "18000")).expect(201);
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", b, "symbol", "ETHUSDT", "side", "buy",
                "type", "limit", "quantity", "1", "price", "1250")).expect(201);
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", b, "symbol", "ETHUSDT", "side", "sell",
                "type", "market", "quantity", "1")).expectError(422, "INSUFFICIENT_HOLDINGS");
        api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 1000)).expect(200);
        api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 430)).expect(200);

        JsonNode honest = api.get("/battles/" + battleId + "/audit").expect(200).body();
        assertThat(honest.get("matches").asBoolean()).as(honest.toString()).isTrue();
        assertThat(honest.at("/chain/intact").asBoolean()).isTrue();
        assertThat(honest.at("/replay/rederived_digest").asText()).isEqualTo(honest.at("/replay/recorded_digest").asText());
        assertThat(honest.at("/replay/resimulated_digest").asText()).isEqualTo(honest.at("/replay/recorded_digest").asText());
        assertThat(honest.at("/replay/recorded_digest").asText())
                .isEqualTo(api.get("/battles/" + battleId + "/results").expect(200).body().get("rankings_digest").asText());
        assertThat(honest.at("/fingerprint_matches").asBoolean()).isTrue();
        assertThat(BattleApiClient.register(port, "Nosy").jwt().get("/battles/" + battleId + "/audit").status()).isEqualTo(404);
        // the baseline folded again from the log equals every stored snapshot of it and what /results shows
        assertThat(honest.at("/baseline/matches").asBoolean()).as(honest.get("baseline").toString()).isTrue();
        assertThat(honest.at("/baseline/stored_snapshots").asInt()).isEqualTo(1440);
        assertThat(new BigDecimal(honest.at("/baseline/rederived/equity").asText())).isEqualByComparingTo(
                api.get("/battles/" + battleId + "/results").expect(200).body().at("/baseline/equity").asText());

        // a baseline snapshot changed in the read model is named by the audit; put back, the audit matches again
        jdbc.sql("UPDATE battle_buy_and_hold_snapshot SET equity = equity + 1 WHERE battle_id = ? AND step = 700")
                .param(battleId).update();
        JsonNode tampered = api.get("/battles/" + battleId + "/audit").expect(200).body();
        assertThat(tampered.get("matches").asBoolean()).isFalse();
        assertThat(tampered.at("/chain/intact").asBoolean()).isTrue();
        assertThat(tampered.at("/baseline/matches").asBoolean()).isFalse();
        assertThat(tampered.at("/baseline/first_difference").asText()).startsWith("step 700 equity");
        jdbc.sql("UPDATE battle_buy_and_hold_snapshot SET equity = equity - 1 WHERE battle_id = ? AND step = 700")
                .param(battleId).update();
        assertThat(api.get("/battles/" + battleId + "/audit").expect(200).body().get("matches").asBoolean()).isTrue();

        // forge the first fill: a better price for agent A, written straight into the event store
        var row = jdbc.sql("""
                        SELECT sequence_number, payload FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderFilled' ORDER BY sequence_number LIMIT 1""")
                .param(battleId).query((rs, n) -> Map.entry(rs.getLong(1), rs.getBytes(2))).single();
        ObjectNode payload = (ObjectNode) JSON.readTree(new String(row.getValue(), StandardCharsets.UTF_8));
        ObjectNode fill = (ObjectNode) payload.get("fill");
        fill.put("price", new BigDecimal(fill.get("price").asText()).subtract(BigDecimal.TEN));
        jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(JSON.writeValueAsBytes(payload), battleId, row.getKey()).update();

        JsonNode forged = api.get("/battles/" + battleId + "/audit").expect(200).body();
        assertThat(forged.get("matches").asBoolean()).isFalse();
        assertThat(forged.at("/chain/intact").asBoolean()).isFalse();
        assertThat(forged.at("/chain/first_broken_sequence").asLong()).isEqualTo(row.getKey());
        assertThat(forged.at("/replay/resimulation_matches").asBoolean()).isFalse();
        assertThat(forged.at("/replay/first_divergence/sequence").asLong()).isEqualTo(row.getKey());
        assertThat(forged.at("/replay/first_divergence/event").asText()).isEqualTo("OrderFilled");
    }

    private void importTheDay() {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key").upload("/admin/candles/import", "file",
                List.of(HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv"),
                        HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-2022-11-09.csv")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
    }

    @Test
    void aSurvivalBattleEndsWhenOneIsLeftAndItsAuditMatches() {
        importTheDay();
        BattleApiClient.Account owner = BattleApiClient.register(port, "Survivor owner");
        BattleApiClient api = owner.jwt();
        String risky = owner.newAgent("Risky");
        String idle = owner.newAgent("Idle");
        // BTC lost about 15 % that day: a 25 % position loses far more than the 0.3 % limit
        String battleId = api.post("/battles", Map.of("name", "Survival day", "preset", "historical_day",
                "config", Map.of("loss_limit_pct", "0.3", "start_time", "2022-11-09T00:00:00Z",
                        "end_time", "2022-11-10T00:00:00Z", "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body()
                .get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", risky)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", idle)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);
        api.post("/battles/" + battleId + "/step").expect(200);
        api.post("/battles/" + battleId + "/trade/order", Map.of("agent_id", risky, "symbol", "BTCUSDT", "side", "buy",
                "type", "market", "quantity", "0.13")).expect(201);

        JsonNode last = null;
        for (int i = 0; i < 2 && (last == null || !last.get("is_complete").asBoolean()); i++) {
            last = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", 1000)).expect(200).body();
        }
        assertThat(last.get("is_complete").asBoolean()).isTrue();
        assertThat(last.get("step").asLong()).isLessThan(1440); // decided before the day ran out

        JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
        assertThat(results.at("/rankings/0/agent_id").asText()).isEqualTo(idle);
        assertThat(results.at("/rankings/0/eliminated_at").isNull()).isTrue();
        assertThat(results.at("/rankings/1/agent_id").asText()).isEqualTo(risky);
        assertThat(results.at("/rankings/1/eliminated_at").asText()).startsWith("2022-11-09T");
        JsonNode participants = api.get("/battles/" + battleId + "/participants").expect(200).body().get("participants");
        assertThat(participants.findValuesAsText("status")).contains("eliminated");

        JsonNode audit = api.get("/battles/" + battleId + "/audit").expect(200).body();
        assertThat(audit.get("matches").asBoolean()).as(audit.toString()).isTrue();
    }
}
