package com.agentbattles.api.trading;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.trading.Quote;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import com.agentbattles.api.live.LiveMarket;
import com.agentbattles.domain.battle.BattleCommands.StartBattle;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.agentbattles.api.support.RegisteredAgent;
import com.agentbattles.api.support.ReplayFeedServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live trading over HTTP on the real server, at the prices of the replay feed playing real
 * Binance candles (uploaded through the admin endpoint, as in MarketEndpointsIntegrationTest):
 * an agent's own wallet, its orders, fills, balance, positions and portfolio, and the order rate
 * limit (set low here so that the test stays fast).
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveTradingIntegrationTest {

    private static final int ORDERS_PER_MINUTE = 10;
    private static final BigDecimal FEE_RATE = new BigDecimal("0.001");

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    CommandGateway commands;

    @Autowired
    LiveMarket liveMarket;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "trading-it", "test-admin-key", "1h", 360_000);
        registry.add("battles.trading.orders-per-minute", () -> String.valueOf(ORDERS_PER_MINUTE));
    }


    @BeforeEach
    void pricesAreFlowing() {
        ReplayFeedServer.awaitPrices(port, "test-admin-key");
    }

    @Test
    void anAgentTradesItsOwnWalletAndSeesItConsistently() {
        RegisteredAgent agent = register("live-trader");
        ApiClient api = agent.key();

        // a market buy fills at once, fee 0.1 % of the notional
        var buy = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.01"));
        assertThat(buy.status()).as(buy.toString()).isEqualTo(201);
        JsonNode filled = buy.json();
        assertThat(filled.path("status").asText()).isEqualTo("filled");
        assertThat(filled.path("executed_quantity").asText()).isEqualTo("0.01");
        BigDecimal executed = dec(filled, "executed_price");
        BigDecimal notional = executed.multiply(new BigDecimal("0.01")).setScale(8, RoundingMode.HALF_EVEN);
        assertThat(dec(filled, "fee")).isEqualByComparingTo(notional.multiply(FEE_RATE).setScale(8, RoundingMode.HALF_EVEN));
        assertThat(dec(filled, "total_cost")).isEqualByComparingTo(notional.add(dec(filled, "fee")));
        assertThat(filled.path("created_at").asText()).endsWith("Z");
        assertThat(filled.path("filled_at").asText()).endsWith("Z");
        assertThat(filled.path("quantity").isTextual()).isTrue();
        String buyId = filled.path("order_id").asText();

        var stored = api.get("/trade/order/" + buyId);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.field("status")).isEqualTo("filled");
        assertThat(dec(stored.json(), "total_cost")).isEqualByComparingTo(dec(filled, "total_cost"));

        BigDecimal cashAfterBuy = new BigDecimal("10000").subtract(dec(filled, "total_cost"));
        JsonNode usdt = balance(api, "USDT");
        assertThat(dec(usdt, "available")).isEqualByComparingTo(cashAfterBuy);
        assertThat(dec(usdt, "locked")).isZero();
        assertThat(dec(balance(api, "BTC"), "total")).isEqualByComparingTo("0.01");

        JsonNode position = api.get("/account/positions").json().path("positions").get(0);
        assertThat(position.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(position.path("asset").asText()).isEqualTo("BTC");
        assertThat(dec(position, "avg_entry_price")).isEqualByComparingTo(executed);
        assertThat(dec(position, "market_value")).isEqualByComparingTo(
                dec(position, "current_price").multiply(new BigDecimal("0.01")));
        assertThat(dec(position, "unrealized_pnl")).isEqualByComparingTo(
                dec(position, "current_price").subtract(executed).multiply(new BigDecimal("0.01")));

        JsonNode portfolio = api.get("/account/portfolio").json();
        assertThat(dec(portfolio, "available_cash")).isEqualByComparingTo(cashAfterBuy);
        assertThat(dec(portfolio, "total_equity")).isEqualByComparingTo(dec(portfolio, "available_cash")
                .add(dec(portfolio, "locked_cash")).add(dec(portfolio, "total_position_value")));
        assertThat(dec(portfolio, "total_pnl")).isEqualByComparingTo(dec(portfolio, "total_equity").subtract(new BigDecimal("10000")));
        assertThat(dec(portfolio, "starting_balance")).isEqualByComparingTo("10000");
        assertThat(portfolio.path("positions")).hasSize(1);
        assertThat(portfolio.path("timestamp").asText()).endsWith("Z");

        // a limit buy far below the price rests and locks notional + fee
        var limit = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit",
                "quantity", "0.01", "price", "1000"));
        assertThat(limit.status()).as(limit.toString()).isEqualTo(201);
        assertThat(limit.field("status")).isEqualTo("open");
        assertThat(limit.field("price")).isEqualTo("1000");
        String limitId = limit.field("order_id");
        usdt = balance(api, "USDT");
        assertThat(dec(usdt, "locked")).isEqualByComparingTo("10.01");
        assertThat(dec(usdt, "available")).isEqualByComparingTo(cashAfterBuy.subtract(new BigDecimal("10.01")));
        assertThat(dec(usdt, "total")).isEqualByComparingTo(cashAfterBuy);
        assertThat(api.get("/trade/orders/open").json().path("orders")).extracting(o -> o.path("order_id").asText())
                .containsExactly(limitId);

        // cancelled: the lock comes back
        var cancel = api.delete("/trade/order/" + limitId);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.field("status")).isEqualTo("cancelled");
        assertThat(api.get("/trade/order/" + limitId).field("status")).isEqualTo("cancelled");
        assertThat(dec(balance(api, "USDT"), "locked")).isZero();
        assertThat(api.delete("/trade/order/" + limitId).status()).isEqualTo(409);
        assertThat(api.delete("/trade/order/no-such-order").status()).isEqualTo(404);
        assertThat(api.get("/trade/order/no-such-order").errorCode()).isEqualTo("ORDER_NOT_FOUND");

        // four resting buys lock 9,609.60 USDT; a fifth asks for more than the rest of the cash
        for (int i = 0; i < 4; i++) {
            var resting = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit",
                    "quantity", "2.4", "price", "1000"));
            assertThat(resting.status()).as(resting.toString()).isEqualTo(201);
        }
        BigDecimal left = dec(balance(api, "USDT"), "available");
        String beyondWhatIsLeft = left.divide(new BigDecimal("1000"), 2, java.math.RoundingMode.UP)
                .add(new BigDecimal("0.01")).toPlainString();
        var tooMuch = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit",
                "quantity", beyondWhatIsLeft, "price", "1000"));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(tooMuch.errorCode()).isEqualTo("INSUFFICIENT_BALANCE");
        String rejectedId = tooMuch.json().path("error").path("details").path("order_id").asText();
        assertThat(api.get("/trade/order/" + rejectedId).field("status")).isEqualTo("rejected");

        var cancelAll = api.delete("/trade/orders/open");
        assertThat(cancelAll.status()).as(cancelAll.toString()).isEqualTo(200);
        assertThat(cancelAll.json().path("cancelled_count").asInt()).isEqualTo(4);
        assertThat(api.get("/trade/orders/open").json().path("orders")).isEmpty();
        assertThat(dec(balance(api, "USDT"), "available")).isEqualByComparingTo(cashAfterBuy);

        // lists: the filter, the trade history
        assertThat(api.get("/trade/orders").json().path("orders")).hasSize(7);
        assertThat(api.get("/trade/orders?status=cancelled").json().path("orders")).hasSize(5);
        assertThat(api.get("/trade/orders?status=filled&symbol=btcusdt").json().path("orders")).hasSize(1);
        assertThat(api.get("/trade/orders?limit=2&offset=1").json().path("orders")).hasSize(2);
        assertThat(api.get("/trade/orders?limit=501").status()).isEqualTo(400);
        JsonNode trades = api.get("/trade/history").json().path("trades");
        assertThat(trades).hasSize(1);
        JsonNode trade = trades.get(0);
        assertThat(trade.path("trade_id").asText()).isEqualTo(buyId);
        assertThat(trade.path("order_id").asText()).isEqualTo(buyId);
        assertThat(trade.path("side").asText()).isEqualTo("buy");
        assertThat(dec(trade, "price")).isEqualByComparingTo(executed);
        assertThat(dec(trade, "fee")).isEqualByComparingTo(dec(filled, "fee"));
        assertThat(dec(trade, "total")).isEqualByComparingTo(dec(filled, "total_cost"));
        assertThat(trade.path("executed_at").asText()).endsWith("Z");
        assertThat(api.get("/trade/history?symbol=ETHUSDT").json().path("trades")).isEmpty();

        // the owner's JWT with X-Agent-Id sees the same wallet
        var asOwner = agent.jwt().withHeader("X-Agent-Id", agent.agentId()).get("/account/balance");
        assertThat(asOwner.status()).as(asOwner.toString()).isEqualTo(200);
        assertThat(asOwner.json().path("balances")).hasSize(2);

        // selling it all closes the position and books a realized PnL
        var sell = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "sell", "type", "market",
                "quantity", 0.01));
        assertThat(sell.status()).as(sell.toString()).isEqualTo(201);
        assertThat(api.get("/account/positions").json().path("positions")).isEmpty();
        JsonNode after = api.get("/account/portfolio").json();
        assertThat(dec(after, "total_equity")).isEqualByComparingTo(dec(after, "available_cash"));
        assertThat(dec(after, "realized_pnl")).isEqualByComparingTo(dec(after, "total_pnl"));
    }

    @Test
    void whileALiveBattleHoldsTheWalletOrdersGoThereAndTheWalletComesBackAfterwards() {
        RegisteredAgent agent = register("live-battler");
        ApiClient api = agent.key();
        var ownBuy = api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.01"));
        assertThat(ownBuy.status()).as(ownBuy.toString()).isEqualTo(201);
        String ownBuyId = ownBuy.field("order_id");
        BigDecimal ownCash = new BigDecimal("10000").subtract(dec(ownBuy.json(), "total_cost"));

        var other = agent.jwt().post("/agents", Map.of("name", "Sparring partner"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        var created = agent.jwt().post("/battles", Map.of("name", "Live sprint", "preset", "quick_1h"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String battleId = created.field("battle_id");
        for (String agentId : List.of(agent.agentId(), other.field("agent_id"))) {
            var joined = agent.jwt().post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        }
        var started = agent.jwt().post("/battles/" + battleId + "/start");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        // fresh mode: the battle wallet is USDT only, and the agent sees it as its current wallet
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode balances = api.get("/account/balance").json().path("balances");
            return balances.size() == 1 && new BigDecimal(balances.get(0).path("total").asText()).compareTo(new BigDecimal("10000")) == 0;
        });
        var battleBuy = api.post("/trade/order", Map.of("symbol", "ETHUSDT", "side", "buy", "type", "market",
                "quantity", "0.1"));
        assertThat(battleBuy.status()).as(battleBuy.toString()).isEqualTo(201);
        assertThat(battleBuy.field("status")).isEqualTo("filled");
        JsonNode history = api.get("/trade/history").json().path("trades");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(dec(balance(api, "USDT"), "available"))
                .isEqualByComparingTo(new BigDecimal("10000").subtract(dec(battleBuy.json(), "total_cost")));
        assertThat(api.get("/trade/order/" + ownBuyId).field("status")).isEqualTo("filled");

        // flat before the stop: BattleController's stop sends no prices yet, and a held position cannot be ranked without one
        var battleSell = api.post("/trade/order", Map.of("symbol", "ETHUSDT", "side", "sell", "type", "market",
                "quantity", "0.1"));
        assertThat(battleSell.status()).as(battleSell.toString()).isEqualTo(201);
        assertThat(api.get("/trade/history").json().path("trades")).hasSize(2);
        var stopped = agent.jwt().post("/battles/" + battleId + "/stop");
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);

        // back to the own wallet, exactly as it was
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode balances = api.get("/account/balance").json().path("balances");
            for (JsonNode balance : balances) {
                if (balance.path("asset").asText().equals("BTC")) {
                    return true;
                }
            }
            return false;
        });
        assertThat(dec(balance(api, "USDT"), "available")).isEqualByComparingTo(ownCash);
        assertThat(dec(balance(api, "BTC"), "total")).isEqualByComparingTo("0.01");
        JsonNode ownHistory = api.get("/trade/history").json().path("trades");
        assertThat(ownHistory).hasSize(1);
        assertThat(ownHistory.get(0).path("order_id").asText()).isEqualTo(ownBuyId);
    }

    /**
     * The battle's own order endpoint carries the feed's latest prices, as /trade/order does: a
     * live battle decides on them, never on the prices of its last snapshot (the feed here moves
     * a hundred times a second, snapshots come every few seconds).
     */
    @Test
    void anOrderThroughTheBattleEndpointDecidesAtTheFeedsPriceNotAtTheLastSnapshots() {
        RegisteredAgent owner = register("battle-desk");
        var other = owner.jwt().post("/agents", Map.of("name", "Other side"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        String battleId = owner.jwt().post("/battles", Map.of("name", "Desk sprint", "preset", "quick_1h"))
                .field("battle_id");
        for (String agentId : List.of(owner.agentId(), other.field("agent_id"))) {
            var joined = owner.jwt().post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        }
        assertThat(owner.jwt().post("/battles/" + battleId + "/start").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshotsOf(battleId) > 0);

        for (int i = 0; i < 3; i++) {
            var bought = owner.jwt().post("/battles/" + battleId + "/trade/order", Map.of("agent_id", owner.agentId(),
                    "symbol", "BTCUSDT", "side", "buy", "type", "market", "quantity", "0.001"));
            assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        }

        // each fill against the BTC price of the last snapshot the battle had taken before it
        BigDecimal lastSnapshot = null;
        int fills = 0;
        int atTheFeedsPrice = 0;
        for (Object event : events(battleId)) {
            if (event instanceof LiveSnapshotTaken snapshot) {
                lastSnapshot = snapshot.prices().stream().filter(q -> q.symbol().equals("BTCUSDT")).findFirst()
                        .map(Quote::price).orElse(lastSnapshot);
            } else if (event instanceof OrderFilled filled) {
                fills++;
                if (lastSnapshot == null || filled.fill().referencePrice().compareTo(lastSnapshot) != 0) {
                    atTheFeedsPrice++;
                }
            }
        }
        assertThat(fills).isEqualTo(3);
        assertThat(atTheFeedsPrice).as("fills priced by the feed rather than by the last snapshot").isPositive();
        owner.jwt().post("/battles/" + battleId + "/cancel");
    }

    /**
     * "One live battle per wallet" is checked against a read model when a battle starts, which a
     * race can pass; the hand-over is where the rule holds. A participant whose wallet is refused
     * is recorded as not provisioned: shown with that status in /live, the results and the
     * replay, refused clearly when it orders, and never ranked as if it had traded.
     */
    @Test
    void aWalletAlreadyInAnotherLiveBattleIsRecordedAsNotProvisionedAndNeverVanishes() {
        RegisteredAgent owner = register("double-booked");
        String shared = owner.agentId();
        String first = liveBattle(owner, "First", shared, newAgent(owner, "First partner"));
        assertThat(owner.jwt().post("/battles/" + first + "/start").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode balances = owner.key().get("/account/balance").json().path("balances");
            return balances.size() == 1 && balances.get(0).path("total").asText().startsWith("10000");
        });
        String partner = newAgent(owner, "Second partner");
        String second = liveBattle(owner, "Second", shared, partner);
        // the start's read-model check is passed over, as a race between two starts would
        commands.sendAndWait(new StartBattle(second, ownerAccount(owner), null, Map.of(), liveMarket.liveStart(),
                java.time.Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode live = owner.jwt().get("/battles/" + second + "/live").json();
            assertThat(live.path("unranked")).hasSize(1);
            assertThat(live.at("/unranked/0/agent_id").asText()).isEqualTo(shared);
            assertThat(live.at("/unranked/0/status").asText()).isEqualTo("not_provisioned");
            assertThat(live.path("rankings")).extracting(r -> r.path("agent_id").asText()).containsExactly(partner);
        });
        var refused = owner.jwt().post("/battles/" + second + "/trade/order", Map.of("agent_id", shared,
                "symbol", "BTCUSDT", "side", "buy", "type", "market", "quantity", "0.001"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("PARTICIPANT_NOT_PROVISIONED");
        // its own orders still belong to the battle that holds its wallet
        var inFirst = owner.key().post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "0.001"));
        assertThat(inFirst.status()).as(inFirst.toString()).isEqualTo(201);

        assertThat(owner.jwt().post("/battles/" + second + "/stop").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                owner.jwt().get("/battles/" + second + "/results").status() == 200);
        JsonNode results = owner.jwt().get("/battles/" + second + "/results").json();
        assertThat(results.path("rankings")).extracting(r -> r.path("agent_id").asText()).containsExactly(partner);
        assertThat(results.at("/unranked/0/agent_id").asText()).isEqualTo(shared);
        assertThat(results.at("/unranked/0/status").asText()).isEqualTo("not_provisioned");
        assertThat(owner.jwt().get("/battles/" + second + "/replay").json().at("/unranked/0/status").asText())
                .isEqualTo("not_provisioned");
        assertThat(owner.jwt().post("/battles/" + first + "/cancel").status()).isEqualTo(200);
    }

    private String newAgent(RegisteredAgent owner, String name) {
        var created = owner.jwt().post("/agents", Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("agent_id");
    }

    private String liveBattle(RegisteredAgent owner, String name, String... agentIds) {
        var created = owner.jwt().post("/battles", Map.of("name", name, "preset", "quick_1h"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String battleId = created.field("battle_id");
        for (String agentId : agentIds) {
            var joined = owner.jwt().post("/battles/" + battleId + "/participants", Map.of("agent_id", agentId));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        }
        return battleId;
    }

    private String ownerAccount(RegisteredAgent owner) {
        return owner.jwt().get("/account/info").json().path("account_id").asText();
    }

    private List<Object> events(String battleId) {
        List<Object> payloads = new java.util.ArrayList<>();
        eventStore.readEvents(battleId).forEachRemaining(e -> payloads.add(e.getPayload()));
        return payloads;
    }

    private long snapshotsOf(String battleId) {
        return events(battleId).stream().filter(LiveSnapshotTaken.class::isInstance).count();
    }

    @Test
    void anotherOwnersAgentIsInvisible() {
        RegisteredAgent owner = register("owner-a");
        RegisteredAgent stranger = register("owner-b");
        ApiClient prying = stranger.jwt().withHeader("X-Agent-Id", owner.agentId());
        for (var response : List.of(prying.get("/account/balance"), prying.get("/account/portfolio"),
                prying.get("/trade/orders"), prying.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy",
                        "type", "market", "quantity", "0.001")))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("AGENT_NOT_FOUND");
        }
        assertThat(anonymous().get("/account/balance").status()).isEqualTo(401);
        // nothing was traded on the owner's wallet
        assertThat(owner.key().get("/trade/orders").json().path("orders")).isEmpty();
    }

    @Test
    void badOrdersAreClientErrorsNamingTheField() {
        ApiClient api = register("bad-input").key();
        assertField(api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market")),
                400, "VALIDATION_ERROR", "quantity");
        assertField(api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                "quantity", "-1")), 422, "INVALID_QUANTITY", "quantity");
        assertField(api.post("/trade/order", Map.of("symbol", "NOSUCHUSDT", "side", "buy", "type", "market",
                "quantity", "1")), 422, "INVALID_SYMBOL", "symbol");
        assertField(api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "hold", "type", "market",
                "quantity", "1")), 400, "VALIDATION_ERROR", "side");
        assertField(api.postRaw("/trade/order", "{\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"type\":\"market\",\"quantity\":\"lots\"}"),
                400, "VALIDATION_ERROR", "quantity");
        assertField(api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit",
                "quantity", "0.01")), 422, "INVALID_PRICE", "price");
        var noBody = api.postRaw("/trade/order", "");
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(400);
        assertThat(api.get("/trade/orders?status=weird").status()).isEqualTo(400);
    }

    @Test
    void moreOrdersThanTheRateAllowAre429WithRetryAfter() {
        ApiClient api = register("rate-limited").key();
        Map<String, Object> tiny = new LinkedHashMap<>(Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit",
                "quantity", "0.002", "price", "1000"));
        for (int i = 0; i < ORDERS_PER_MINUTE; i++) {
            var placed = api.post("/trade/order", tiny);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        }
        var refused = api.post("/trade/order", tiny);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
        String retryAfter = refused.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Retry-After")).map(e -> e.getValue().get(0))
                .findFirst().orElseThrow(() -> new AssertionError("no Retry-After in " + refused.headers()));
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        // reads are not limited, and the refused order was not placed
        assertThat(api.get("/trade/orders/open").json().path("orders")).hasSize(ORDERS_PER_MINUTE);
    }

    private static void assertField(ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().path("error").path("details").path("field").asText()).as(response.toString())
                .isEqualTo(field);
    }

    private static JsonNode balance(ApiClient api, String asset) {
        var response = api.get("/account/balance");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode balance : response.json().path("balances")) {
            if (balance.path("asset").asText().equals(asset)) {
                assertThat(balance.path("available").isTextual()).isTrue();
                return balance;
            }
        }
        throw new AssertionError("no " + asset + " balance in " + response);
    }

    private static BigDecimal dec(JsonNode node, String field) {
        assertThat(node.path(field).isTextual()).as(field + " in " + node).isTrue();
        return new BigDecimal(node.path(field).asText());
    }

    private ApiClient anonymous() {
        return new ApiClient(port);
    }

    private RegisteredAgent register(String displayName) {
        return RegisteredAgent.register(port, displayName);
    }

}
