package com.agentbattles.api.battle;

import com.agentbattles.api.support.BattleChannelClient;
import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three agents, each its own thread and nothing but its own key over the real network, play a
 * historical battle on the agents' clock: one over REST with the long poll (and it misses its
 * deadline every fifth step), one on the WebSocket pushes, one through an MCP client of the
 * official SDK. The battle completes, the time-outs are in the results, the audit matches, and a
 * rematch played with the same decisions gives the same rankings digest.
 */
class ThreeAgentsPlayIntegrationTest extends IntegrationTest {

    private static final int STEPS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeAgentsOverRestWebSocketAndMcpPlayABattleToTheSameDigestTwice() throws Exception {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key").upload("/admin/candles/import", "file",
                List.of(HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        BattleApiClient.Account owner = BattleApiClient.register(port, "Arena owner");
        BattleApiClient api = owner.jwt();
        Map<String, JsonNode> agents = new HashMap<>();
        for (String name : List.of("Poller", "Listener", "Thinker")) {
            agents.put(name, api.post("/agents", Map.of("name", name)).expect(201).body());
        }
        String battleId = api.post("/battles", Map.of("name", "Three ways to play", "preset", "historical_day",
                // long enough that only the step the poller skips times out, even on a loaded machine
                "config", Map.of("clock", "agents", "step_timeout_seconds", 6),
                "backtest_config", Map.of("start_time", "2022-11-09T12:00:00Z", "end_time", "2022-11-09T12:10:00Z",
                        "pairs", List.of("BTCUSDT")))).expect(201).body().get("battle_id").asText();
        for (JsonNode agent : agents.values()) {
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", agent.get("agent_id").asText()))
                    .expect(201);
        }

        JsonNode results = play(api, battleId, agents);
        Map<String, JsonNode> clock = new HashMap<>();
        results.get("rankings").forEach(r -> clock.put(r.get("agent_name").asText(), r.get("clock")));
        assertThat(clock.get("Poller").get("timeouts").asLong()).as(results.toString()).isEqualTo(2);
        assertThat(clock.get("Listener").get("timeouts").asLong()).as(results.toString()).isZero();
        assertThat(clock.get("Thinker").get("timeouts").asLong()).as(results.toString()).isZero();
        assertThat(api.get("/battles/" + battleId + "/audit").expect(200).body().get("matches").asBoolean()).isTrue();

        String rematch = api.post("/battles/" + battleId + "/rematch", Map.of()).expect(201).body().get("battle_id").asText();
        JsonNode again = play(api, rematch, agents);
        assertThat(again.get("rankings_digest").asText()).isEqualTo(results.get("rankings_digest").asText());
    }

    /** Starts the battle, runs the three agents to its end, and answers its results. */
    private JsonNode play(BattleApiClient api, String battleId, Map<String, JsonNode> agents) throws Exception {
        String base = "/battles/" + battleId;
        String listenerKey = agents.get("Listener").get("api_key").asText();
        try (BattleChannelClient socket = BattleChannelClient.connect(port, "api_key=" + listenerKey);
             McpSyncClient mcp = mcp(agents.get("Thinker").get("api_key").asText())) {
            socket.subscribe(battleId);
            api.post(base + "/start").expect(200);
            CompletableFuture<Void> poller = CompletableFuture.runAsync(() ->
                    poller(BattleApiClient.withApiKey(port, agents.get("Poller").get("api_key").asText()), base));
            CompletableFuture<Void> listener = CompletableFuture.runAsync(() ->
                    listener(BattleApiClient.withApiKey(port, listenerKey), base, socket));
            CompletableFuture<Void> thinker = CompletableFuture.runAsync(() -> thinker(mcp, battleId));
            CompletableFuture.allOf(poller, listener, thinker).get(120, TimeUnit.SECONDS);
        }
        return api.get(base + "/results").expect(200).body();
    }

    /** REST and the long poll; buys at step 1, and lets every fifth step time out on it. */
    private static void poller(BattleApiClient key, String base) {
        JsonNode state = key.get(base + "/state").expect(200).body();
        while (state.get("status").asText().equals("active")) {
            long step = state.get("step").asLong();
            if (step == 1) {
                key.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                        "quantity", "0.01", "step", step, "rationale", "first candle closed")).expect(201);
            }
            if (step % 5 != 4) {
                key.post(base + "/ready", Map.of("step", step)).expect(200);
            }
            state = key.get(base + "/state?after_step=" + step + "&wait_seconds=30").expect(200).body();
        }
    }

    /** The WebSocket pushes: done with each step as soon as it is pushed; sells at step 3. */
    private static void listener(BattleApiClient key, String base, BattleChannelClient socket) {
        key.post(base + "/ready", Map.of("step", 0)).expect(200);
        while (true) {
            JsonNode step = socket.nextOfType("battle:step").get("data");
            if (step.get("is_complete").asBoolean()) {
                return;
            }
            long now = step.get("step").asLong();
            if (now == 2) {
                key.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                        "quantity", "0.02", "step", now)).expect(201);
            }
            key.post(base + "/ready", Map.of("step", now)).expect(200);
        }
    }

    /** The MCP tools, as an LLM would call them: state, an order at step 3, done with each step. */
    private static void thinker(McpSyncClient mcp, String battleId) {
        long decided = -1;
        while (true) {
            long last = decided;
            JsonNode state = await().atMost(Duration.ofSeconds(30)).until(() -> tool(mcp, "battle_state",
                    Map.of("battle_id", battleId)), s -> !s.get("status").asText().equals("active")
                    || s.get("step").asLong() > last);
            if (!state.get("status").asText().equals("active")) {
                return;
            }
            long step = state.get("step").asLong();
            if (step == 3) {
                tool(mcp, "place_order", Map.of("battle_id", battleId, "symbol", "BTCUSDT", "side", "buy",
                        "type", "market", "quantity", "0.03", "step", step, "rationale", "three candles in"));
            }
            tool(mcp, "done_with_step", Map.of("battle_id", battleId, "step", step));
            decided = step;
        }
    }

    private static JsonNode tool(McpSyncClient mcp, String name, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest(name, arguments));
        try {
            JsonNode body = JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
            assertThat(result.isError()).as(name + ": " + body).isFalse();
            return body;
        } catch (java.io.IOException e) {
            throw new AssertionError(name + " answers JSON text: " + result.content(), e);
        }
    }

    private McpSyncClient mcp(String apiKey) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("X-API-Key", apiKey))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }
}
