package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A historical battle on the agents' clock, over HTTP with each agent's own key: one agent is
 * done with every step, the other misses every third one and the step times out on it. The
 * battle completes, the results say how each played the clock, an order for a closed step is
 * refused, the owner cannot step it, and the audit moves the clock again to the same digest.
 */
class AgentClockIntegrationTest extends IntegrationTest {

    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv");
    private static final Path ETH_FILE = HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-2022-11-09.csv");
    private static final int STEPS = 9;

    private BattleApiClient.Account owner;

    @BeforeEach
    void importTheDay() {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key")
                .upload("/admin/candles/import", "file", List.of(BTC_FILE, ETH_FILE));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        owner = BattleApiClient.register(port, "Clock owner");
    }

    @Test
    void theAgentsMoveTheClockAndAStepTimesOutOnTheOneStillDeciding() {
        BattleApiClient api = owner.jwt();
        JsonNode quickAgent = api.post("/agents", Map.of("name", "Quick")).expect(201).body();
        JsonNode slowAgent = api.post("/agents", Map.of("name", "Slow")).expect(201).body();
        BattleApiClient quick = BattleApiClient.withApiKey(port, quickAgent.get("api_key").asText());
        BattleApiClient slow = BattleApiClient.withApiKey(port, slowAgent.get("api_key").asText());
        JsonNode created = api.post("/battles", Map.of("name", "Fair clock", "preset", "historical_day",
                "config", Map.of("clock", "agents", "step_timeout_seconds", 1),
                "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-09T00:09:00Z",
                        "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body();
        String battleId = created.get("battle_id").asText();
        assertThat(created.at("/config/clock").asText()).isEqualTo("agents");
        assertThat(created.at("/config/step_timeout_seconds").asInt()).isEqualTo(1);
        String base = "/battles/" + battleId;
        api.post(base + "/participants", Map.of("agent_id", quickAgent.get("agent_id").asText())).expect(201);
        api.post(base + "/participants", Map.of("agent_id", slowAgent.get("agent_id").asText())).expect(201);
        api.post(base + "/start").expect(200);

        api.post(base + "/step").expectError(409, "INVALID_STATE_TRANSITION");
        for (long step = 0; step < STEPS; step++) {
            if (step == 1) {
                JsonNode order = quick.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy",
                        "type", "market", "quantity", "0.1", "step", step, "rationale", "BTC bounced off the low"))
                        .expect(201).body();
                assertThat(order.get("rationale").asText()).isEqualTo("BTC bounced off the low");
                quick.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                        "quantity", "0.1", "rationale", "x".repeat(2001))).expectError(400, "VALIDATION_ERROR");
            }
            if (step == 4) {
                // decided on step 3's candle, sent after step 3 closed
                quick.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "sell", "type", "market",
                        "quantity", "0.1", "step", 3)).expectError(409, "STEP_CLOSED");
                quick.post(base + "/ready", Map.of("step", 3)).expectError(409, "STEP_CLOSED");
            }
            JsonNode afterQuick = quick.post(base + "/ready", Map.of("step", step, "rationale", "nothing new at " + step))
                    .expect(200).body();
            assertThat(afterQuick.get("step").asLong()).isEqualTo(step);
            if (step == 0) {
                JsonNode state = slow.get(base + "/state").expect(200).body();
                assertThat(state.get("clock").asText()).isEqualTo("agents");
                assertThat(state.get("still_deciding")).extracting(JsonNode::asText)
                        .containsExactly(slowAgent.get("agent_id").asText());
                assertThat(java.time.Instant.parse(state.get("step_deadline").asText())).isAfter(java.time.Instant.now()
                        .minusSeconds(5));
            }
            if (step % 3 != 2) {
                JsonNode closed = slow.post(base + "/step", Map.of("step", step)).expect(200).body();
                assertThat(closed.get("step").asLong()).isEqualTo(step + 1);
            } else {
                // the slow agent waits for the time-out with the long poll, as an agent without a socket would
                JsonNode next = slow.get(base + "/state?after_step=" + step + "&wait_seconds=30").expect(200).body();
                assertThat(next.get("step").asLong()).isEqualTo(step + 1);
            }
        }

        JsonNode results = api.get(base + "/results").expect(200).body();
        Map<String, JsonNode> clockByName = new HashMap<>();
        for (JsonNode ranking : results.get("rankings")) {
            clockByName.put(ranking.get("agent_name").asText(), ranking.get("clock"));
        }
        assertThat(clockByName.get("Quick").get("steps_decided_in_time").asLong()).isEqualTo(STEPS);
        assertThat(clockByName.get("Quick").get("timeouts").asLong()).isZero();
        assertThat(clockByName.get("Slow").get("steps_decided_in_time").asLong()).isEqualTo(6);
        assertThat(clockByName.get("Slow").get("timeouts").asLong()).isEqualTo(3);
        assertThat(clockByName.get("Slow").get("median_decision_ms").isNumber()).isTrue();
        assertThat(clockByName.get("Slow").get("p95_decision_ms").asLong())
                .isGreaterThanOrEqualTo(clockByName.get("Slow").get("median_decision_ms").asLong());

        // the note comes back with the order and the trade it made
        // (newest first: the close-out at the end, which no agent wrote a note for, then the buy)
        assertThat(quick.get(base + "/trade/history").expect(200).body().get("trades"))
                .extracting(t -> t.get("side").asText() + ":" + t.path("rationale").asText(null))
                .containsExactly("sell:null", "buy:BTC bounced off the low");
        assertThat(quick.get(base + "/trade/orders").expect(200).body().get("orders"))
                .extracting(o -> o.path("rationale").asText(null)).containsExactly(null, "BTC bounced off the low");
        JsonNode timeline = api.get(base + "/decisions?agent_id=" + quickAgent.get("agent_id").asText()).expect(200).body();
        assertThat(timeline.get("total").asLong()).isEqualTo(STEPS + 1);
        JsonNode firstOrder = timeline.get("decisions").get(1);
        assertThat(firstOrder.get("kind").asText()).isEqualTo("order");
        assertThat(firstOrder.get("outcome").asText()).isEqualTo("filled");
        assertThat(firstOrder.get("step").asLong()).isEqualTo(1);
        assertThat(firstOrder.get("rationale").asText()).isEqualTo("BTC bounced off the low");
        assertThat(timeline.get("decisions").get(0).get("rationale").asText()).isEqualTo("nothing new at 0");
        // an agent reads its own timeline only, and a stranger's key finds no battle
        assertThat(slow.get(base + "/decisions").expect(200).body().get("total").asLong()).isEqualTo(6);
        BattleApiClient.register(port, "Stranger").apiKey().get(base + "/decisions").expectError(404, "BATTLE_NOT_FOUND");

        JsonNode audit = api.get(base + "/audit").expect(200).body();
        assertThat(audit.get("matches").asBoolean()).as(audit.toString()).isTrue();
    }

    @Test
    void anAgentOnAWebSocketIsToldOfEveryStepWithItsOwnPortfolioAndOnlyItsOwnFills() {
        BattleApiClient api = owner.jwt();
        JsonNode listenerAgent = api.post("/agents", Map.of("name", "Listener")).expect(201).body();
        JsonNode otherAgent = api.post("/agents", Map.of("name", "Other")).expect(201).body();
        BattleApiClient listener = BattleApiClient.withApiKey(port, listenerAgent.get("api_key").asText());
        BattleApiClient other = BattleApiClient.withApiKey(port, otherAgent.get("api_key").asText());
        String battleId = api.post("/battles", Map.of("name", "Pushed clock", "preset", "historical_day",
                "config", Map.of("clock", "agents", "step_timeout_seconds", 30),
                "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-09T00:03:00Z",
                        "pairs", List.of("BTCUSDT")))).expect(201).body().get("battle_id").asText();
        String base = "/battles/" + battleId;
        api.post(base + "/participants", Map.of("agent_id", listenerAgent.get("agent_id").asText())).expect(201);
        api.post(base + "/participants", Map.of("agent_id", otherAgent.get("agent_id").asText())).expect(201);
        api.post(base + "/start").expect(200);

        try (var socket = com.agentbattles.api.support.BattleChannelClient.connect(port,
                "api_key=" + listenerAgent.get("api_key").asText())) {
            socket.subscribe(battleId);
            for (long step = 0; step < 3; step++) {
                if (step == 1) {
                    listener.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                            "quantity", "0.01", "rationale", "pushed")).expect(201);
                    other.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                            "quantity", "0.02")).expect(201);
                    JsonNode trade = socket.nextOfType("battle:trade").get("data");
                    assertThat(trade.get("agent_id").asText()).isEqualTo(listenerAgent.get("agent_id").asText());
                    assertThat(trade.get("rationale").asText()).isEqualTo("pushed");
                }
                listener.post(base + "/ready", Map.of("step", step)).expect(200);
                other.post(base + "/ready", Map.of("step", step)).expect(200);
                JsonNode pushed = socket.nextOfType("battle:step").get("data");
                assertThat(pushed.get("step").asLong()).isEqualTo(step + 1);
                assertThat(pushed.at("/candles/0/symbol").asText()).isEqualTo("BTCUSDT");
                assertThat(pushed.at("/prices/BTCUSDT").asText()).isNotBlank();
                assertThat(pushed.at("/portfolio/trade_count").asLong()).isEqualTo(step >= 1 ? 1 : 0);
                if (step < 2) {
                    assertThat(pushed.get("step_deadline").asText()).isNotBlank();
                } else {
                    assertThat(pushed.get("is_complete").asBoolean()).isTrue();
                }
            }
            // the other agent's fill never reached the listener's connection
            assertThat(socket.dataOf("battle:trade")).extracting(t -> t.get("agent_id").asText())
                    .containsOnly(listenerAgent.get("agent_id").asText());
        }
    }

    @Test
    void aBattleOnTheOwnersClockIsUnchangedAndRefusesReadiness() {
        BattleApiClient api = owner.jwt();
        String agent = owner.newAgent("Only");
        String other = owner.newAgent("Other");
        String battleId = api.post("/battles", Map.of("name", "Owner clock", "preset", "historical_day",
                "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-09T00:05:00Z",
                        "pairs", List.of("BTCUSDT")))).expect(201).body().get("battle_id").asText();
        String base = "/battles/" + battleId;
        assertThat(api.get(base).expect(200).body().at("/config/clock").asText()).isEqualTo("owner");
        api.post(base + "/participants", Map.of("agent_id", agent)).expect(201);
        api.post(base + "/participants", Map.of("agent_id", other)).expect(201);
        api.post(base + "/start").expect(200);

        api.post(base + "/ready?agent_id=" + agent).expectError(403, "PERMISSION_DENIED");
        assertThat(api.post(base + "/step").expect(200).body().get("step").asLong()).isEqualTo(1);
        api.post("/battles", Map.of("name", "Bad", "preset", "historical_day",
                "config", Map.of("clock", "agents", "step_timeout_seconds", "soon"))).expectError(400, "VALIDATION_ERROR");
        api.post("/battles", Map.of("name", "Bad", "battle_mode", "live",
                "config", Map.of("clock", "agents"))).expectError(400, "VALIDATION_ERROR");
    }

}
