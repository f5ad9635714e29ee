package com.agentbattles.api.battle;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.ReplayFeedServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant's own view of its battle over HTTP: the state of a historical battle on the real
 * 1m candles of 2022-11-09 before and after a step, its long poll, the battle wallet in the
 * shapes of the agent's own wallet, who may see it, and a live battle's state and balance. A
 * server of its own with the replay feed playing the same day, so that an agent's own wallet can
 * trade at live prices and its answers be compared key by key with the battle wallet's.
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BattleParticipantViewIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DAY = "2022-11-09";
    private static final List<String> WALLET_PATHS = List.of("/account/balance", "/account/positions",
            "/account/portfolio", "/trade/orders", "/trade/orders/open", "/trade/history");

    @LocalServerPort
    int port;

    @Autowired
    BattleStateSignals signals;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "view-it", "view-admin", "1m", 60);
        registry.add("battles.live.snapshot-interval", () -> "1s");
        registry.add("battles.live.clock-tick", () -> "100ms");
    }

    private record Agent(String id, BattleApiClient api) {
    }

    /** The day's candles: the historical battle's, and the prices the replay feed plays. */
    @BeforeEach
    void candles() {
        BattleApiClient priced = BattleApiClient.register(port, "Price check").apiKey();
        if (priced.get("/market/price/BTCUSDT").status() == 200) {
            return;
        }
        var upload = new ApiClient(port).withHeader("X-Admin-Key", "view-admin")
                .upload("/admin/candles/import", "file", List.of(
                        HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv"),
                        HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-" + DAY + ".csv")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        Awaitility.await().atMost(WAIT).until(() -> priced.get("/market/price/BTCUSDT").status() == 200
                && priced.get("/market/price/ETHUSDT").status() == 200);
    }

    @Test
    void aHistoricalParticipantSeesItsStateAndWalletAndNobodyElseDoes() {
        BattleApiClient.Account owner = BattleApiClient.register(port, "View owner");
        BattleApiClient api = owner.jwt();
        Agent alpha = agent(api, "Alpha");
        Agent beta = agent(api, "Beta");
        Agent outsider = agent(api, "Outsider");
        BattleApiClient stranger = BattleApiClient.register(port, "Stranger").apiKey();

        // Alpha's own wallet, with a fill and a resting order: the shapes the battle wallet must have
        alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.01")).expect(201);
        alpha.api.post("/trade/order", Map.of("symbol", "ETHUSDT", "side", "buy", "type", "limit",
                "quantity", "0.1", "price", "100")).expect(201);
        List<JsonNode> own = new ArrayList<>();
        for (String path : WALLET_PATHS) {
            own.add(alpha.api.get(path).expect(200).body());
        }

        String battleId = historicalBattle(api, alpha, beta);
        String base = "/battles/" + battleId;

        JsonNode before = alpha.api.get(base + "/state").expect(200).body();
        assertThat(before.get("battle_id").asText()).isEqualTo(battleId);
        assertThat(before.get("status").asText()).isEqualTo("active");
        assertThat(before.get("battle_mode").asText()).isEqualTo("historical");
        assertThat(before.get("step").asLong()).isZero();
        assertThat(before.get("total_steps").asLong()).isEqualTo(1440);
        assertThat(before.get("virtual_time").asText()).isEqualTo(DAY + "T00:00:00Z");
        assertThat(before.get("candles")).isEmpty();
        assertThat(before.get("prices")).isEmpty();
        assertThat(before.at("/participant/agent_id").asText()).isEqualTo(alpha.id);
        assertThat(before.at("/participant/agent_name").asText()).isEqualTo("Alpha");
        assertThat(before.at("/participant/status").asText()).isEqualTo("active");

        api.post(base + "/step").expect(200);
        JsonNode after = alpha.api.get(base + "/state").expect(200).body();
        HistoricalCandles btc = HistoricalCandles.read(HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv"));
        assertThat(after.get("step").asLong()).isEqualTo(1);
        assertThat(after.get("virtual_time").asText()).isEqualTo(DAY + "T00:01:00Z");
        assertThat(after.get("candles")).hasSize(2);
        Set<String> symbols = new TreeSet<>();
        for (JsonNode candle : after.get("candles")) {
            symbols.add(candle.get("symbol").asText());
            assertThat(candle.get("interval").asText()).isEqualTo("1m");
            assertThat(candle.get("open_time").asText()).isEqualTo(DAY + "T00:00:00Z");
            assertThat(candle.get("close_time").asText()).isEqualTo(DAY + "T00:01:00Z");
            assertThat(new BigDecimal(candle.get("close").asText()))
                    .isEqualByComparingTo(after.at("/prices/" + candle.get("symbol").asText()).asText());
            if (candle.get("symbol").asText().equals("BTCUSDT")) {
                assertThat(new BigDecimal(candle.get("close").asText())).isEqualByComparingTo(btc.step(1).close());
            }
        }
        assertThat(symbols).containsExactly("BTCUSDT", "ETHUSDT");

        // Alpha trades with its own key: a market buy that fills at once, a limit buy that rests
        assertThat(alpha.api.post(base + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.05")).expect(201).body().get("status").asText()).isEqualTo("filled");
        assertThat(alpha.api.post(base + "/trade/order", Map.of("symbol", "ETHUSDT", "side", "buy", "type", "limit",
                "quantity", "0.5", "price", "100")).expect(201).body().get("status").asText()).isEqualTo("open");

        List<JsonNode> inBattle = new ArrayList<>();
        for (String path : WALLET_PATHS) {
            inBattle.add(alpha.api.get(base + path).expect(200).body());
        }
        for (int i = 0; i < WALLET_PATHS.size(); i++) {
            assertThat(shape(inBattle.get(i))).as(WALLET_PATHS.get(i)).isEqualTo(shape(own.get(i)));
        }
        JsonNode balances = inBattle.get(0).get("balances");
        assertThat(balances.at("/0/asset").asText()).isEqualTo("USDT");
        assertThat(decimal(balances.at("/0/locked"))).isPositive();
        assertThat(decimal(balances.at("/0/available")).add(decimal(balances.at("/0/locked"))))
                .isEqualByComparingTo(decimal(balances.at("/0/total")));
        assertThat(balances.at("/1/asset").asText()).isEqualTo("BTC");
        assertThat(decimal(balances.at("/1/total"))).isEqualByComparingTo("0.05");
        JsonNode positions = inBattle.get(1).get("positions");
        assertThat(positions).hasSize(1);
        assertThat(positions.at("/0/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(decimal(positions.at("/0/current_price"))).isEqualByComparingTo(after.at("/prices/BTCUSDT").asText());
        JsonNode portfolio = inBattle.get(2);
        assertThat(decimal(portfolio.get("starting_balance"))).isEqualByComparingTo("10000");
        assertThat(portfolio.get("timestamp").asText()).isEqualTo(DAY + "T00:01:00Z");
        assertThat(decimal(portfolio.get("total_equity"))).isEqualByComparingTo(decimal(portfolio.get("available_cash"))
                .add(decimal(portfolio.get("locked_cash"))).add(decimal(portfolio.get("total_position_value"))));
        JsonNode orders = inBattle.get(3).get("orders");
        assertThat(orders).hasSize(2);
        assertThat(List.of(orders.at("/0/type").asText(), orders.at("/1/type").asText()))
                .containsExactlyInAnyOrder("market", "limit");
        for (JsonNode order : orders) {
            assertThat(order.get("status").asText()).isEqualTo(order.get("type").asText().equals("market") ? "filled" : "open");
        }
        JsonNode open = inBattle.get(4).get("orders");
        assertThat(open).hasSize(1);
        assertThat(open.at("/0/type").asText()).isEqualTo("limit");
        assertThat(decimal(open.at("/0/price"))).isEqualByComparingTo("100");
        JsonNode trades = inBattle.get(5).get("trades");
        assertThat(trades).hasSize(1);
        assertThat(trades.at("/0/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(trades.at("/0/side").asText()).isEqualTo("buy");
        assertThat(decimal(trades.at("/0/quantity"))).isEqualByComparingTo("0.05");
        assertThat(trades.at("/0/order_id").asText()).isEqualTo(filledOrderId(orders));

        // the other participant sees its own wallet, untouched, and may not name Alpha
        JsonNode betaBalance = beta.api.get(base + "/account/balance").expect(200).body();
        assertThat(betaBalance.get("balances")).hasSize(1);
        assertThat(decimal(betaBalance.at("/balances/0/total"))).isEqualByComparingTo("10000");
        assertThat(beta.api.get(base + "/trade/history").expect(200).body().get("trades")).isEmpty();
        beta.api.get(base + "/account/balance?agent_id=" + alpha.id).expectError(403, "PERMISSION_DENIED");

        // an agent not in the battle, and another account's agent, do not see it at all
        for (BattleApiClient nobody : List.of(outsider.api, stranger)) {
            nobody.get(base + "/state").expectError(404, "BATTLE_NOT_FOUND");
            for (String path : WALLET_PATHS) {
                nobody.get(base + path).expectError(404, "BATTLE_NOT_FOUND");
            }
        }

        // the owner sees a participant's view by naming it
        assertThat(api.get(base + "/account/balance?agent_id=" + alpha.id).expect(200).body()).isEqualTo(inBattle.get(0));
        assertThat(api.get(base + "/state?agent_id=" + alpha.id).expect(200).body()).isEqualTo(after);
        api.get(base + "/state?agent_id=" + outsider.id).expectError(404, "BATTLE_NOT_FOUND");
        assertThat(api.get(base + "/state").expectError(400, "VALIDATION_ERROR").at("/details/field").asText())
                .isEqualTo("agent_id");
        // the own-wallet routes of the battle are still there
        assertThat(api.get(base + "/market/prices").expect(200).body().get("step").asLong()).isEqualTo(1);
    }

    @Test
    void theLongPollAnswersOnTheNextStepOrWithTheUnchangedStateAtItsTimeout() throws Exception {
        BattleApiClient.Account owner = BattleApiClient.register(port, "Poll owner");
        BattleApiClient api = owner.jwt();
        Agent alpha = agent(api, "Alpha");
        Agent beta = agent(api, "Beta");
        String battleId = historicalBattle(api, alpha, beta);
        String base = "/battles/" + battleId;

        // the owner steps from another thread once the agent's poll is waiting
        CompletableFuture<Void> stepper = CompletableFuture.runAsync(() -> {
            Awaitility.await().atMost(WAIT).until(() -> signals.waiting(battleId) > 0);
            api.post(base + "/step").expect(200);
        });
        long started = System.nanoTime();
        JsonNode woken = alpha.api.get(base + "/state?after_step=0&wait_seconds=30").expect(200).body();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        stepper.get(30, TimeUnit.SECONDS);
        assertThat(woken.get("step").asLong()).isEqualTo(1);
        assertThat(woken.get("candles")).hasSize(2);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(signals.waiting(battleId)).isZero();

        // past the step already: at once
        assertThat(alpha.api.get(base + "/state?after_step=0&wait_seconds=30").expect(200).body()).isEqualTo(woken);

        // nothing moves: the unchanged state when the wait is over
        started = System.nanoTime();
        JsonNode timedOut = alpha.api.get(base + "/state?after_step=1&wait_seconds=1").expect(200).body();
        took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(timedOut).isEqualTo(woken);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));

        assertThat(alpha.api.get(base + "/state?after_step=1&wait_seconds=61").expectError(400, "VALIDATION_ERROR")
                .at("/details/field").asText()).isEqualTo("wait_seconds");
        assertThat(alpha.api.get(base + "/state?after_step=1&wait_seconds=soon").expectError(400, "VALIDATION_ERROR")
                .at("/details/field").asText()).isEqualTo("wait_seconds");
        assertThat(alpha.api.get(base + "/state?after_step=-1&wait_seconds=1").expectError(400, "VALIDATION_ERROR")
                .at("/details/field").asText()).isEqualTo("after_step");

        // a finished battle answers at once, whatever step is asked after
        api.post(base + "/stop").expect(200);
        JsonNode stopped = alpha.api.get(base + "/state?after_step=5&wait_seconds=30").expect(200).body();
        assertThat(stopped.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aLiveParticipantSeesItsStateAndItsBattleWallet() {
        BattleApiClient.Account owner = BattleApiClient.register(port, "Live view owner");
        BattleApiClient api = owner.jwt();
        Agent alpha = agent(api, "Alpha");
        Agent beta = agent(api, "Beta");
        String battleId = api.post("/battles", Map.of("name", "Live view", "preset", "quick_1h",
                "duration_minutes", 10)).expect(201).body().get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", alpha.id)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", beta.id)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);
        String base = "/battles/" + battleId;

        Awaitility.await().atMost(WAIT).until(() -> alpha.api.get(base + "/account/balance").status() == 200);
        alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.02")).expect(201);

        JsonNode state = alpha.api.get(base + "/state").expect(200).body();
        assertThat(state.get("status").asText()).isEqualTo("active");
        assertThat(state.get("battle_mode").asText()).isEqualTo("live");
        assertThat(state.get("step").isNull()).isTrue();
        assertThat(state.get("total_steps").isNull()).isTrue();
        assertThat(state.get("virtual_time").isNull()).isTrue();
        assertThat(state.get("candles")).isEmpty();
        assertThat(state.get("prices").has("BTCUSDT")).isTrue();
        assertThat(state.at("/participant/agent_id").asText()).isEqualTo(alpha.id);

        JsonNode balance = alpha.api.get(base + "/account/balance").expect(200).body();
        JsonNode ownEndpoint = alpha.api.get("/account/balance").expect(200).body(); // the battle holds the wallet
        assertThat(balance).isEqualTo(ownEndpoint);
        assertThat(balance.at("/balances/1/asset").asText()).isEqualTo("BTC");
        assertThat(decimal(balance.at("/balances/1/total"))).isEqualByComparingTo("0.02");
        assertThat(alpha.api.get(base + "/trade/history").expect(200).body().get("trades")).hasSize(1);
        assertThat(shape(alpha.api.get(base + "/account/portfolio").expect(200).body()))
                .isEqualTo(shape(alpha.api.get("/account/portfolio").expect(200).body()));

        api.post(base + "/stop").expect(200);
    }

    private Agent agent(BattleApiClient owner, String name) {
        JsonNode created = owner.post("/agents", Map.of("name", name)).expect(201).body();
        return new Agent(created.get("agent_id").asText(), BattleApiClient.withApiKey(port, created.get("api_key").asText()));
    }

    private static String historicalBattle(BattleApiClient api, Agent first, Agent second) {
        String battleId = api.post("/battles", Map.of("name", "View day", "preset", "historical_day",
                "backtest_config", Map.of("start_time", DAY + "T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "candle_interval", "1m", "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body()
                .get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", first.id)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", second.id)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);
        return battleId;
    }

    private static String filledOrderId(JsonNode orders) {
        for (JsonNode order : orders) {
            if (order.get("status").asText().equals("filled")) {
                return order.get("order_id").asText();
            }
        }
        return "";
    }

    /** The field names of an answer, and of the first element of each list in it, recursively. */
    private static Set<String> shape(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        shape(node, "", keys);
        return keys;
    }

    private static void shape(JsonNode node, String prefix, Set<String> keys) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                keys.add(prefix + name);
                shape(node.get(name), prefix + name + ".", keys);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            shape(node.get(0), prefix + "[].", keys);
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asText());
    }
}
