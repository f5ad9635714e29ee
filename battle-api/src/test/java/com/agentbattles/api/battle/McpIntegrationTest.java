package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.api.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP server through the SDK's own client over streamable HTTP: one agent plays a
 * historical battle on the agents' clock through the MCP tools, the other through REST with its
 * key; the battle completes and the MCP results are the REST results. A refused order is an
 * isError tool result with the REST error code, and /mcp without a key is a 401.
 */
class McpIntegrationTest extends IntegrationTest {

    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv");
    private static final int STEPS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<McpSyncClient> clients = new ArrayList<>();
    private BattleApiClient.Account owner;

    @BeforeEach
    void importTheDay() {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key")
                .upload("/admin/candles/import", "file", List.of(BTC_FILE));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        owner = BattleApiClient.register(port, "MCP owner");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    @Test
    void anAgentPlaysAHistoricalBattleThroughMcp() throws Exception {
        BattleApiClient api = owner.jwt();
        JsonNode mcpAgent = api.post("/agents", Map.of("name", "Through MCP")).expect(201).body();
        JsonNode restAgent = api.post("/agents", Map.of("name", "Through REST")).expect(201).body();
        BattleApiClient rest = BattleApiClient.withApiKey(port, restAgent.get("api_key").asText());
        McpSyncClient mcp = client(mcpAgent.get("api_key").asText());

        McpSchema.ListToolsResult tools = mcp.listTools();
        assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("list_my_battles",
                "battle_state", "candles", "my_portfolio", "place_order", "cancel_order", "open_orders",
                "done_with_step", "results", "prices");
        assertThat(tools.tools()).allSatisfy(tool -> {
            assertThat(tool.inputSchema()).isNotNull();
            assertThat(tool.inputSchema()).containsEntry("type", "object").containsKey("properties");
            assertThat(tool.description()).isNotBlank();
        });

        String battleId = api.post("/battles", Map.of("name", "MCP duel", "preset", "historical_day",
                "config", Map.of("clock", "agents", "step_timeout_seconds", 30),
                "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-09T00:05:00Z",
                        "pairs", List.of("BTCUSDT")))).expect(201).body().get("battle_id").asText();
        String base = "/battles/" + battleId;
        api.post(base + "/participants", Map.of("agent_id", mcpAgent.get("agent_id").asText())).expect(201);
        api.post(base + "/participants", Map.of("agent_id", restAgent.get("agent_id").asText())).expect(201);
        api.post(base + "/start").expect(200);

        JsonNode mine = ok(mcp, "list_my_battles", Map.of());
        assertThat(mine.get("battles")).hasSize(1);
        assertThat(mine.at("/battles/0/battle_id").asText()).isEqualTo(battleId);
        assertThat(mine.at("/battles/0/status").asText()).isEqualTo("active");

        for (long step = 0; step < STEPS; step++) {
            JsonNode state = ok(mcp, "battle_state", Map.of("battle_id", battleId));
            assertThat(state.get("step").asLong()).isEqualTo(step);
            assertThat(state.get("total_steps").asLong()).isEqualTo(STEPS);
            assertThat(state.get("clock").asText()).isEqualTo("agents");
            assertThat(state.at("/participant/status").asText()).isEqualTo("active");
            if (step > 0) { // as GET /market/prices: a step's prices once the first candle has closed
                assertThat(state.at("/prices/BTCUSDT").asText()).as(state.toString()).isNotBlank();
            }
            if (step == 1) {
                JsonNode order = ok(mcp, "place_order", Map.of("battle_id", battleId, "symbol", "BTCUSDT",
                        "side", "buy", "type", "market", "quantity", "0.1", "step", step,
                        "rationale", "an LLM's reason"));
                assertThat(order.get("status").asText()).isEqualTo("filled");
                assertThat(order.get("rationale").asText()).isEqualTo("an LLM's reason");
            }
            if (step == 2) {
                // decided on step 1's candle, sent after step 1 closed: refused as over REST
                McpSchema.CallToolResult refused = call(mcp, "place_order", Map.of("battle_id", battleId,
                        "symbol", "BTCUSDT", "side", "sell", "type", "market", "quantity", 0.1, "step", 1));
                assertThat(refused.isError()).isTrue();
                assertThat(text(refused).at("/error/code").asText()).isEqualTo("STEP_CLOSED");
                assertThat(text(refused).at("/error/message").asText()).isNotBlank();
                assertThat(text(refused).get("error").has("details")).isTrue();
                JsonNode standing = ok(mcp, "my_portfolio", Map.of("battle_id", battleId));
                assertThat(standing.at("/me/agent_id").asText()).isEqualTo(mcpAgent.get("agent_id").asText());
                assertThat(standing.at("/me/trade_count").asLong()).isEqualTo(1);
            }
            JsonNode done = ok(mcp, "done_with_step", Map.of("battle_id", battleId, "step", step));
            assertThat(done.get("step").asLong()).isEqualTo(step);
            JsonNode closed = rest.post(base + "/ready", Map.of("step", step)).expect(200).body();
            assertThat(closed.get("step").asLong()).isEqualTo(step + 1);
        }

        assertThat(api.get(base).expect(200).body().get("status").asText()).isEqualTo("completed");
        JsonNode viaRest = api.get(base + "/results").expect(200).body();
        assertThat(ok(mcp, "results", Map.of("battle_id", battleId))).isEqualTo(viaRest);
        assertThat(viaRest.get("rankings")).hasSize(2);

        JsonNode candles = ok(mcp, "candles", Map.of("symbol", "BTCUSDT", "interval", "1m",
                "start", "2022-11-09T00:00:00Z", "limit", 3));
        assertThat(candles.get("candles")).hasSize(3);
        assertThat(ok(mcp, "my_portfolio", Map.of()).has("total_equity")).isTrue();
        assertThat(ok(mcp, "open_orders", Map.of()).get("orders")).isEmpty();
    }

    @Test
    void mcpNeedsTheAgentsKey() {
        RawHttp.Response response = RawHttp.send(port, "POST", "/mcp",
                Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"AUTHENTICATION_REQUIRED\"");
        RawHttp.Response wrongKey = RawHttp.send(port, "POST", "/mcp",
                Map.of("Content-Type", "application/json", "X-API-Key", "not-a-key"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(wrongKey.status()).as(wrongKey.toString()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("\"code\":\"INVALID_API_KEY\"");
    }

    private McpSyncClient client(String apiKey) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("X-API-Key", apiKey))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        clients.add(client);
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = call(client, tool, arguments);
        assertThat(result.isError()).as(tool + ": " + result.content()).isFalse();
        return text(result);
    }

    private static JsonNode text(McpSchema.CallToolResult result) {
        try {
            return JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
        } catch (Exception e) {
            throw new AssertionError("a tool answers JSON text: " + result.content(), e);
        }
    }
}
