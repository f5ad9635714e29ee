package com.agentbattles.api.battle;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.BattleChannelClient;
import com.agentbattles.api.support.ProjectionRebuilder;
import com.agentbattles.api.support.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.agentbattles.api.support.ReplayFeedServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live battles end to end on the real server, with the replay feed standing in for Binance
 * (stored 2022-11-09 candles, one per second): agents trade through their own keys, the fresh
 * wallets are provisioned and restored exactly, a WebSocket client follows the battle, a pause
 * blocks orders, the deadline ends the battle, and survival eliminates. The battle lasts one real
 * minute (the shortest duration a battle takes); snapshots come every second.
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveBattleIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionRebuilder rebuilder;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "live-it", "live-admin", "1m", 60);
        registry.add("battles.live.snapshot-interval", () -> "1s");
        registry.add("battles.live.clock-tick", () -> "100ms");
    }

    /** The candles the replay feed plays, imported once for the class's server. */
    @BeforeEach
    void candles() {
        BattleApiClient priced = BattleApiClient.register(port, "Price check").apiKey();
        if (priced.get("/market/price/BTCUSDT").status() == 200) {
            return;
        }
        var upload = new com.agentbattles.api.support.ApiClient(port).withHeader("X-Admin-Key", "live-admin")
                .upload("/admin/candles/import", "file", List.of(
                        HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv"),
                        HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-2022-11-09.csv")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        Awaitility.await().atMost(WAIT).until(() -> priced.get("/market/price/BTCUSDT").status() == 200
                && priced.get("/market/price/ETHUSDT").status() == 200);
    }

    @Test
    void aQuickBattleTradedThroughAgentKeysEndsAtItsDeadlineAndGivesTheWalletsBack() throws Exception {
        BattleApiClient.Account owner = BattleApiClient.register(port, "Live owner");
        BattleApiClient api = owner.jwt();
        Agent alpha = agent(api, "Alpha");
        Agent beta = agent(api, "Beta");

        // Alpha trades its own wallet before the battle: a position and a resting sell to set aside
        alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.05")).expect(201);
        alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "sell", "type", "limit",
                "quantity", "0.02", "price", "90000")).expect(201);
        JsonNode balancesBefore = alpha.api.get("/account/balance").expect(200).body();
        JsonNode positionsBefore = alpha.api.get("/account/positions").expect(200).body();
        JsonNode openBefore = alpha.api.get("/trade/orders/open").expect(200).body();

        String battleId = api.post("/battles", Map.of("name", "Minute duel", "preset", "quick_1h",
                "duration_minutes", 1)).expect(201).body().get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", alpha.id)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", beta.id)).expect(201);

        try (BattleChannelClient watcher = watch(owner, battleId)) {
            api.post("/battles/" + battleId + "/start").expect(200);

            // fresh mode: inside the battle each agent sees a wallet of 10,000 USDT and nothing else
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                JsonNode portfolio = alpha.api.get("/account/portfolio").expect(200).body();
                assertThat(new BigDecimal(portfolio.get("total_equity").asText())).isEqualByComparingTo("10000");
                assertThat(portfolio.get("positions")).isEmpty();
            });
            JsonNode bought = alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy",
                    "type", "market", "quantity", "0.02")).expect(201).body();
            assertThat(bought.get("status").asText()).isEqualTo("filled");
            Awaitility.await().atMost(WAIT).until(() -> beta.api.post("/trade/order", Map.of("symbol", "ETHUSDT",
                    "side", "buy", "type", "market", "quantity", "0.5")).status() == 201);
            alpha.api.post("/trade/order", Map.of("symbol", "SOLUSDT", "side", "buy", "type", "market",
                    "quantity", "1")).expectError(422, "PAIR_NOT_ALLOWED");

            api.post("/battles/" + battleId + "/pause/" + beta.id).expect(200);
            beta.api.post("/trade/order", Map.of("symbol", "ETHUSDT", "side", "sell", "type", "market",
                    "quantity", "0.1")).expectError(422, "PARTICIPANT_PAUSED");
            api.post("/battles/" + battleId + "/resume/" + beta.id).expect(200);

            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                JsonNode live = api.get("/battles/" + battleId + "/live").expect(200).body();
                assertThat(live.toString()).contains(alpha.id, beta.id, "roi_pct", "sharpe_ratio", "elapsed_seconds");
            });

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "completed".equals(api.get("/battles/" + battleId).expect(200).body().get("status").asText()));

            // the WebSocket client saw the whole battle, in order
            Awaitility.await().atMost(WAIT).until(() -> watcher.battleMessageTypes().contains("battle:status:completed"));
            List<String> seen = watcher.battleMessageTypes();
            assertThat(seen.get(0)).isEqualTo("battle:status:active");
            assertThat(seen.get(seen.size() - 1)).isEqualTo("battle:status:completed");
            assertThat(seen).contains("battle:update", "battle:trade");
            assertThat(seen.indexOf("battle:trade")).isLessThan(seen.indexOf("battle:status:completed"));
            assertThat(watcher.dataOf("battle:trade")).extracting(t -> t.get("agent_id").asText()).contains(alpha.id, beta.id);
        }

        JsonNode battle = api.get("/battles/" + battleId).expect(200).body();
        assertThat(java.time.Instant.parse(battle.get("completed_at").asText()))
                .isEqualTo(java.time.Instant.parse(battle.get("started_at").asText()).plus(Duration.ofMinutes(1)));
        JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
        assertThat(results.get("rankings")).hasSize(2);
        assertThat(api.get("/battles/" + battleId + "/audit").expect(200).body().get("matches").asBoolean()).isTrue();

        // the wallet Alpha set aside is back exactly: balances, positions and its resting sell
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(holdings(alpha.api.get("/account/balance").expect(200).body().get("balances")))
                    .isEqualTo(holdings(balancesBefore.get("balances")));
            assertThat(positionsOf(alpha.api.get("/account/positions").expect(200).body()))
                    .isEqualTo(positionsOf(positionsBefore));
            assertThat(alpha.api.get("/trade/orders/open").expect(200).body().get("orders"))
                    .isEqualTo(openBefore.get("orders"));
        });

        // and every read model of this server (wallets, orders, trades, snapshots, standings) comes
        // back identical when rebuilt from the log
        Map<String, List<String>> before = ReadModels.snapshot(jdbc);
        assertThat(before.get("agent_trade")).isNotEmpty();
        assertThat(before.get("battle_snapshot")).isNotEmpty();
        rebuilder.rebuild(List.of());
        assertThat(ReadModels.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void aSurvivalBattleEndsWhenOnlyOneIsLeftStanding() {
        BattleApiClient.Account owner = BattleApiClient.register(port, "Survival owner");
        BattleApiClient api = owner.jwt();
        Agent churner = agent(api, "Churner");
        Agent patient = agent(api, "Patient");
        String battleId = api.post("/battles", Map.of("name", "Last one standing", "preset", "survival",
                "config", Map.of("loss_limit_pct", "0.05"))).expect(201).body().get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", churner.id)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", patient.id)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);

        // every round trip pays two fees (0.2 % of ~1,800 USDT), and 0.05 % of 10,000 is all it may lose:
        // it churns until a snapshot finds it under the limit (a falling price only gets it there sooner)
        Awaitility.await().atMost(WAIT).until(() -> churner.api.post("/trade/order", Map.of("symbol", "BTCUSDT",
                "side", "buy", "type", "market", "quantity", "0.1")).status() == 201);
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            churner.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "sell", "type", "market",
                    "quantity", "0.1"));
            churner.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                    "quantity", "0.1"));
            return "completed".equals(api.get("/battles/" + battleId).expect(200).body().get("status").asText());
        });
        JsonNode rankings = api.get("/battles/" + battleId + "/results").expect(200).body().get("rankings");
        assertThat(rankings.get(0).get("agent_id").asText()).isEqualTo(patient.id);
        assertThat(rankings.get(1).get("agent_id").asText()).isEqualTo(churner.id);
        assertThat(rankings.get(1).path("eliminated_at").isTextual()).as(rankings.toString()).isTrue();
        assertThat(rankings.get(0).path("eliminated_at").isTextual()).isFalse();
        // once the custody saga has given it back, the churner trades its own wallet again
        Awaitility.await().atMost(WAIT).until(() -> churner.api.post("/trade/order", Map.of("symbol", "BTCUSDT",
                "side", "buy", "type", "market", "quantity", "0.01")).status() == 201);
        JsonNode own = churner.api.get("/account/portfolio").expect(200).body();
        assertThat(own.get("positions")).hasSize(1);
    }

    private record Agent(String id, BattleApiClient api) {
    }

    private Agent agent(BattleApiClient owner, String name) {
        JsonNode created = owner.post("/agents", Map.of("name", name)).expect(201).body();
        return new Agent(created.get("agent_id").asText(), BattleApiClient.withApiKey(port, created.get("api_key").asText()));
    }

    /** Balances by asset with their amounts: what a restore must give back exactly. */
    private static Map<String, List<BigDecimal>> holdings(JsonNode balances) {
        Map<String, List<BigDecimal>> byAsset = new java.util.TreeMap<>();
        for (JsonNode balance : balances) {
            byAsset.put(balance.get("asset").asText(), List.of(new BigDecimal(balance.get("available").asText()).stripTrailingZeros(),
                    new BigDecimal(balance.get("locked").asText()).stripTrailingZeros()));
        }
        return byAsset;
    }

    /** Positions by symbol with quantity and average entry (their market value moves with the price). */
    private static Map<String, List<BigDecimal>> positionsOf(JsonNode positions) {
        Map<String, List<BigDecimal>> bySymbol = new java.util.TreeMap<>();
        for (JsonNode position : positions.get("positions")) {
            bySymbol.put(position.get("symbol").asText(), List.of(
                    new BigDecimal(position.get("quantity").asText()).stripTrailingZeros(),
                    new BigDecimal(position.get("avg_entry_price").asText()).stripTrailingZeros()));
        }
        return bySymbol;
    }

    private BattleChannelClient watch(BattleApiClient.Account owner, String battleId) {
        BattleChannelClient watcher = BattleChannelClient.connect(port, "api_key=" + owner.apiKey().authValue("X-API-Key"));
        watcher.subscribe(battleId);
        return watcher;
    }
}
