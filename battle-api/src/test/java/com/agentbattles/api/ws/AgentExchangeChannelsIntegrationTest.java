package com.agentbattles.api.ws;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.BattleChannelClient;
import com.agentbattles.api.support.ReplayFeedServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an agent written for the agentexchange Python SDK meets here, on the real server at the
 * prices of the replay feed playing real Binance candles (USDⓈ-M futures 1m of 2022-11-07/08, which
 * carry quote volumes and trade counts): {@code GET /market/ticker/{symbol}} read field by field with
 * the SDK's types and checked by hand against the candle files, and each WebSocket channel the SDK's
 * client subscribes to ({@code ticker:{SYMBOL}}, {@code ticker:all}, {@code candles:{SYMBOL}:{interval}},
 * {@code orders}, {@code portfolio}) with the fields its handlers read, plus the heartbeat. The SDK
 * routes a message by its {@code channel} (else by {@code type}), so every message must name the
 * channel it was subscribed as, and nothing else may carry it.
 *
 * <p>The replay starts on 2022-11-08 00:00, one 1m candle every 20 ms, so every window holds a full
 * 24 h from the stored 2022-11-07 on; heartbeat every second, idle time-out 3 s, portfolio every second.
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentExchangeChannelsIntegrationTest {

    private static final String ADMIN_KEY = "test-admin-key";
    private static final Instant REPLAY_START = Instant.parse("2022-11-08T00:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long MINUTE_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, NavigableMap<Long, String[]>> CSV = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "channels-it", ADMIN_KEY, "1m", 3000);
        registry.add("battles.market.replay.start", REPLAY_START::toString);
        registry.add("battles.websocket.heartbeat", () -> "1s");
        registry.add("battles.websocket.idle-timeout", () -> "3s");
        registry.add("battles.websocket.portfolio-interval", () -> "1s");
    }

    private record Agent(String agentId, String apiKey, ApiClient key, ApiClient jwt, String token) {
    }

    /**
     * The day before the replay first, so that each symbol's window, read from the store at its
     * first candle, already holds it; then the played day, one file per request.
     */
    @BeforeEach
    void candlesArePlaying() {
        ApiClient admin = new ApiClient(port).withHeader("X-Admin-Key", ADMIN_KEY);
        ApiClient reader = register("price-reader").jwt();
        if (reader.get("/market/prices").json().path("prices").size() < 2) {
            for (List<Path> files : List.of(List.of(futures("BTCUSDT", "07"), futures("ETHUSDT", "07")),
                    List.of(futures("ETHUSDT", "08")), List.of(futures("BTCUSDT", "08")))) {
                var imported = admin.upload("/admin/candles/import", "file", files);
                assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            }
        }
        await().atMost(DEADLINE).until(() -> reader.get("/market/prices").json().path("prices").size() == 2);
    }

    // ---- REST ----

    @Test
    void theTickerReadsAsTheSdkReadsItAndAddsUpTheLast24HoursOfCandles() {
        ApiClient api = register("ticker-reader").key();
        Instant replayBefore = replayPresent();
        var response = api.get("/market/ticker/BTCUSDT");
        Instant replayAfter = replayPresent();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode ticker = response.json();
        if (!replayAfter.isBefore(replayBefore)) { // (unless the replay started over in between)
            assertThat(Instant.parse(ticker.path("timestamp").asText())).as("no candle the replay has not played")
                    .isBeforeOrEqualTo(replayAfter);
        }

        assertSdkTicker(ticker, "BTCUSDT");
        Instant end = Instant.parse(ticker.path("timestamp").asText());
        // the replay's present: a minute boundary past its start, never beyond the day it plays
        assertThat(end).isAfter(REPLAY_START).isBeforeOrEqualTo(REPLAY_START.plus(Duration.ofDays(1)));
        assertThat(end.toEpochMilli() % MINUTE_MS).isZero();
        assertMatchesCandles(ticker, "BTCUSDT", end);

        // an unknown symbol is what the other market endpoints answer; a pair without candles has no ticker yet
        var unknown = api.get("/market/ticker/NOPEUSDT");
        var unknownPrice = api.get("/market/price/NOPEUSDT");
        assertThat(unknown.status()).isEqualTo(unknownPrice.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(unknownPrice.errorCode()).isEqualTo("SYMBOL_NOT_FOUND");
        var noCandles = api.get("/market/ticker/BNBUSDT");
        assertThat(noCandles.status()).as(noCandles.toString()).isEqualTo(422);
        assertThat(noCandles.errorCode()).isEqualTo("NO_PRICE_AVAILABLE");
        // lower case is the same symbol, as for prices
        assertThat(api.get("/market/ticker/ethusdt").json().path("symbol").asText()).isEqualTo("ETHUSDT");
    }

    @Test
    void candlesStopAtTheReplaysPresentWhateverEndAsksFor() {
        ApiClient api = register("candle-reader").key();
        // the store holds the whole played day: the latest candles, and a range asked far past the
        // replay's position, still end where the replay is (no candle it has not closed yet)
        for (String query : List.of("?interval=1m&limit=5", "?interval=1m&end=2022-11-09T00:00:00Z&limit=5",
                "?interval=5m&limit=3", "?interval=1m&start=" + REPLAY_START + "&end=2022-11-09T00:00:00Z&limit=1000")) {
            Instant before = replayPresent();
            var response = api.get("/market/candles/BTCUSDT" + query);
            Instant after = replayPresent();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode candles = response.json().path("candles");
            assertThat(candles.size()).as(query).isPositive();
            Duration interval = query.contains("5m") ? Duration.ofMinutes(5) : Duration.ofMinutes(1);
            Instant lastClose = Instant.parse(candles.get(candles.size() - 1).path("time").asText()).plus(interval);
            if (!after.isBefore(before)) { // (unless the replay started over in between)
                assertThat(lastClose).as(query + ": the last candle closed by the replay's present").isBeforeOrEqualTo(after);
            }
        }
    }

    // ---- market channels ----

    @Test
    void aTickerChannelPushesTheRestTickerAtEveryCandle() {
        Agent agent = register("ticker-follower");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey())) {
            assertThat(client.next().path("type").asText()).isEqualTo("connected");
            client.send(Map.of("action", "subscribe", "channel", "ticker:BTCUSDT"));
            JsonNode subscribed = client.nextOfType("subscribed");
            assertThat(subscribed.path("data").path("channel").asText()).isEqualTo("ticker:BTCUSDT");
            assertThat(subscribed.has("channel")).as("the SDK would hand a confirmation with a channel to its handlers")
                    .isFalse();

            JsonNode first = client.nextOfType("ticker");
            JsonNode second = client.nextOfType("ticker");
            for (JsonNode ticker : List.of(first, second)) {
                assertThat(ticker.path("channel").asText()).isEqualTo("ticker:BTCUSDT");
                assertSdkTicker(ticker, "BTCUSDT");
                assertThat(new BigDecimal(ticker.path("price").asText())).isEqualByComparingTo(
                        new BigDecimal(ticker.path("close").asText()));
                assertMatchesCandles(ticker, "BTCUSDT", Instant.parse(ticker.path("timestamp").asText()));
            }
            Instant t1 = Instant.parse(first.path("timestamp").asText());
            Instant t2 = Instant.parse(second.path("timestamp").asText());
            assertThat(t2).as("one push per closed candle (or the replay started over)")
                    .satisfiesAnyOf(t -> assertThat(t).isEqualTo(t1.plusMillis(MINUTE_MS)), t -> assertThat(t).isBefore(t1));

            client.send(Map.of("action", "unsubscribe", "channel", "ticker:BTCUSDT"));
            assertThat(client.nextOfType("unsubscribed").path("data").path("channel").asText()).isEqualTo("ticker:BTCUSDT");
        }
    }

    @Test
    void tickerAllCarriesEverySymbolUnderItsOwnChannelAndOnceForASessionFollowingBoth() {
        Agent agent = register("all-follower");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey())) {
            client.send(Map.of("action", "subscribe", "channel", "ticker:all"));
            client.send(Map.of("action", "subscribe", "channel", "ticker:BTCUSDT"));
            client.nextOfType("subscribed");
            client.nextOfType("subscribed");
            Set<String> symbols = new HashSet<>();
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            int messages = 0;
            while ((symbols.size() < 2 || messages < 20) && System.nanoTime() < deadline) {
                JsonNode ticker = client.nextOfType("ticker");
                messages++;
                String symbol = ticker.path("symbol").asText();
                symbols.add(symbol);
                // the SDK hands ticker:{SYMBOL} messages to its ticker:all handlers too
                assertThat(ticker.path("channel").asText()).isEqualTo("ticker:" + symbol);
                assertThat(seen.add(symbol + "@" + ticker.path("timestamp").asText()))
                        .as("each update once, though both subscriptions match it").isTrue();
            }
            assertThat(symbols).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        }
    }

    @Test
    void aCandleChannelPushesEachClosedCandleOfItsInterval() {
        Agent agent = register("candle-follower");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey())) {
            client.send(Map.of("action", "subscribe", "channel", "candles:BTCUSDT:1m"));
            client.send(Map.of("action", "subscribe", "channel", "candles:ETHUSDT:5m"));
            client.nextOfType("subscribed");
            client.nextOfType("subscribed");
            boolean oneMinute = false;
            boolean fiveMinutes = false;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!(oneMinute && fiveMinutes) && System.nanoTime() < deadline) {
                JsonNode candle = client.nextOfType("candle");
                String symbol = candle.path("symbol").asText();
                String interval = candle.path("interval").asText();
                assertThat(candle.path("channel").asText()).isEqualTo("candles:" + symbol + ":" + interval);
                Instant open = Instant.parse(candle.path("time").asText());
                long minutes = interval.equals("1m") ? 1 : 5;
                assertThat(open.toEpochMilli() % (minutes * MINUTE_MS)).isZero();
                assertThat(candle.path("is_closed").asBoolean()).isTrue();
                // by hand: the 1m row itself, or the five rows of the 5m bucket
                List<String[]> rows = new ArrayList<>(rows(symbol).subMap(open.toEpochMilli(), true,
                        open.toEpochMilli() + minutes * MINUTE_MS, false).values());
                assertThat(rows).hasSize((int) minutes);
                assertThat(dec(candle, "open")).isEqualByComparingTo(rows.get(0)[1]);
                assertThat(dec(candle, "high")).isEqualByComparingTo(rows.stream().map(r -> new BigDecimal(r[2]))
                        .max(BigDecimal::compareTo).orElseThrow());
                assertThat(dec(candle, "low")).isEqualByComparingTo(rows.stream().map(r -> new BigDecimal(r[3]))
                        .min(BigDecimal::compareTo).orElseThrow());
                assertThat(dec(candle, "close")).isEqualByComparingTo(rows.get(rows.size() - 1)[4]);
                assertThat(dec(candle, "volume")).isEqualByComparingTo(sum(rows, 5));
                assertThat(candle.path("trade_count").asLong()).isEqualTo(sum(rows, 8).longValueExact());
                oneMinute |= interval.equals("1m") && symbol.equals("BTCUSDT");
                fiveMinutes |= interval.equals("5m") && symbol.equals("ETHUSDT");
            }
            assertThat(oneMinute && fiveMinutes).as("a 1m BTCUSDT and a 5m ETHUSDT candle").isTrue();
        }
    }

    // ---- the agent's own channels ----

    @Test
    void theOrdersChannelPushesEveryOrderOfTheAgentsOwnWallet() {
        Agent agent = register("order-follower");
        Agent other = register("someone-else");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey());
             BattleChannelClient stranger = connect("api_key=" + other.apiKey())) {
            client.send(Map.of("action", "subscribe", "channel", "orders"));
            JsonNode subscribed = client.nextOfType("subscribed");
            assertThat(subscribed.path("data").path("channel").asText()).isEqualTo("orders");
            assertThat(subscribed.path("data").path("agent_id").asText()).isEqualTo(agent.agentId());
            stranger.send(Map.of("action", "subscribe", "channel", "orders"));
            stranger.nextOfType("subscribed");

            var buy = agent.key().post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                    "quantity", "0.01"));
            assertThat(buy.status()).as(buy.toString()).isEqualTo(201);
            JsonNode filled = client.nextOfType("order");
            assertSdkOrder(filled, buy.field("order_id"), "filled", "filled");
            for (String field : List.of("executed_price", "executed_quantity", "fee", "total_cost", "slippage_pct")) {
                assertThat(dec(filled, field)).as(field).isEqualByComparingTo(dec(buy.json(), field));
            }
            assertThat(Instant.parse(filled.path("filled_at").asText())).isEqualTo(Instant.parse(buy.field("filled_at")));

            var limit = agent.key().post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit",
                    "quantity", "0.01", "price", "1000"));
            assertThat(limit.status()).as(limit.toString()).isEqualTo(201);
            JsonNode placed = client.nextOfType("order");
            assertSdkOrder(placed, limit.field("order_id"), "open", "placed");
            assertThat(dec(placed, "price")).isEqualByComparingTo("1000");
            assertThat(placed.path("filled_at").isNull()).isTrue();

            assertThat(agent.key().delete("/trade/order/" + limit.field("order_id")).status()).isEqualTo(200);
            JsonNode cancelled = client.nextOfType("order");
            assertSdkOrder(cancelled, limit.field("order_id"), "cancelled", "cancelled");
            assertThat(dec(cancelled, "price")).isEqualByComparingTo("1000");
            assertThat(cancelled.path("cancel_reason").asText()).isEqualTo("requested");

            var tooMuch = agent.key().post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "sell", "type", "market",
                    "quantity", "5"));
            assertThat(tooMuch.status()).as(tooMuch.toString()).isBetween(400, 499);
            JsonNode rejected = client.nextOfType("order");
            assertThat(rejected.path("status").asText()).isEqualTo("rejected");
            assertThat(rejected.path("event").asText()).isEqualTo("rejected");
            assertThat(rejected.path("reject_code").asText()).isEqualTo(tooMuch.errorCode());
            UUID.fromString(rejected.path("order_id").asText());

            // another agent's connection hears nothing of these
            stranger.send(Map.of("action", "ping"));
            assertThat(stranger.nextOfType("pong")).isNotNull();
            assertThat(stranger.dataOf("order")).isEmpty();
        }
    }

    @Test
    void thePortfolioChannelPushesTheRestPortfolioAfterAFillAndPeriodically() {
        Agent agent = register("portfolio-follower");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey())) {
            client.send(Map.of("action", "subscribe", "channel", "portfolio"));
            client.nextOfType("subscribed");
            JsonNode periodic = client.nextOfType("portfolio");
            assertSdkPortfolio(periodic);
            assertThat(periodic.path("trigger").asText()).isEqualTo("periodic");
            assertThat(dec(periodic, "total_equity")).isEqualByComparingTo("10000");
            assertThat(periodic.path("positions")).isEmpty();

            var buy = agent.key().post("/trade/order", Map.of("symbol", "ETHUSDT", "side", "buy", "type", "market",
                    "quantity", "0.5"));
            assertThat(buy.status()).as(buy.toString()).isEqualTo(201);
            JsonNode next;
            do {
                next = client.nextOfType("portfolio");
            } while (!next.path("trigger").asText().equals("fill"));
            JsonNode afterFill = next;
            assertSdkPortfolio(afterFill);
            JsonNode rest = agent.key().get("/account/portfolio").json();
            BigDecimal cash = new BigDecimal("10000").subtract(dec(buy.json(), "total_cost"));
            assertThat(dec(afterFill, "available_cash")).isEqualByComparingTo(cash)
                    .isEqualByComparingTo(dec(rest, "available_cash"));
            JsonNode position = afterFill.path("positions").get(0);
            assertThat(position.path("symbol").asText()).isEqualTo("ETHUSDT");
            assertThat(dec(position, "quantity")).isEqualByComparingTo("0.5");
            assertThat(dec(position, "avg_entry_price")).isEqualByComparingTo(dec(buy.json(), "executed_price"));
            assertThat(dec(afterFill, "total_equity")).isEqualByComparingTo(dec(afterFill, "available_cash")
                    .add(dec(afterFill, "locked_cash")).add(dec(afterFill, "total_position_value")));
            assertThat(dec(afterFill, "total_value")).isEqualByComparingTo(dec(afterFill, "total_equity"));
            assertThat(rest.fieldNames()).toIterable().allSatisfy(field -> assertThat(afterFill.has(field))
                    .as("the REST portfolio's " + field).isTrue());
        }
    }

    @Test
    void anAccountTokenFollowsItsDefaultAgentOrOneOfItsAgentsAndNoOneElses() {
        Agent owner = register("token-owner");
        Agent other = register("not-mine");
        try (BattleChannelClient client = connect("token=" + owner.token())) {
            client.send(Map.of("action", "subscribe", "channel", "orders"));
            assertThat(client.nextOfType("subscribed").path("data").path("agent_id").asText()).isEqualTo(owner.agentId());
            client.send(Map.of("action", "subscribe", "channel", "portfolio", "agent_id", other.agentId()));
            JsonNode error = client.nextOfType("error");
            assertThat(error.path("data").path("code").asText()).isEqualTo("AGENT_NOT_FOUND");

            var buy = owner.key().post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market",
                    "quantity", "0.001"));
            assertThat(buy.status()).as(buy.toString()).isEqualTo(201);
            assertThat(client.nextOfType("order").path("order_id").asText()).isEqualTo(buy.field("order_id"));
        }
    }

    @Test
    void aChannelThatIsNoneIsRefusedInTheBattleChannelsStyle() {
        Agent agent = register("typo");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey())) {
            client.send(Map.of("action", "subscribe", "channel", "tickers:BTCUSDT"));
            JsonNode unknown = client.nextOfType("error").path("data");
            assertThat(unknown.path("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(unknown.path("message").asText())
                    .isEqualTo("channel must be battle, ticker:{SYMBOL}, ticker:all, candles:{SYMBOL}:{interval}, orders or portfolio");
            client.send(Map.of("action", "subscribe", "channel", "ticker:NOPEUSDT"));
            assertThat(client.nextOfType("error").path("data").path("code").asText()).isEqualTo("SYMBOL_NOT_FOUND");
            client.send(Map.of("action", "subscribe", "channel", "candles:BTCUSDT:7m"));
            JsonNode interval = client.nextOfType("error").path("data");
            assertThat(interval.path("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(interval.path("message").asText()).contains("1m, 5m, 15m, 1h, 4h, 1d");
            // the battle channel's own rules are unchanged
            client.send(Map.of("action", "subscribe", "channel", "battle"));
            assertThat(client.nextOfType("error").path("data").path("message").asText()).isEqualTo("battle_id is required");
        }
    }

    // ---- heartbeat ----

    @Test
    void theServerPingsAClientThatPongsStaysAndOneThatSaysNothingIsDisconnected() throws Exception {
        Agent agent = register("heartbeat");
        try (BattleChannelClient client = connect("api_key=" + agent.apiKey())) {
            client.send(Map.of("type", "pong")); // accepted silently, as the SDK sends it
            client.send(Map.of("action", "ping")); // the older client ping still answers
            assertThat(client.next().path("type").asText()).isEqualTo("connected");
            assertThat(client.next().path("type").asText()).as("no error for the pong").isEqualTo("pong");

            // a client that says nothing at all: pinged, then closed after the 3 s idle time-out
            SilentClient.Result silent = SilentClient.listen(port, "api_key=" + agent.apiKey(), DEADLINE);
            assertThat(silent.texts()).anySatisfy(text -> assertThat(JSON.readTree(text).path("type").asText())
                    .isEqualTo("ping"));
            assertThat(silent.closedByServer()).as("closed by the server").isTrue();
            assertThat(silent.openFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));

            // meanwhile the answering client has been pinged past the time-out and is still served
            await().atMost(DEADLINE).until(() -> client.pingsAnswered() >= 5);
            assertThat(client.isOpen()).isTrue();
            client.send(Map.of("action", "ping"));
            assertThat(client.nextOfType("pong")).isNotNull();
        }
    }

    /** A WebSocket client on a bare socket that reads but never answers, not even a ping frame. */
    private static final class SilentClient {

        record Result(List<String> texts, boolean closedByServer, Duration openFor) {
        }

        static Result listen(int port, String query, Duration deadline) throws IOException {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout((int) deadline.toMillis());
                OutputStream out = socket.getOutputStream();
                String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16)
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(("GET /ws/v1?" + query + " HTTP/1.1\r\nHost: localhost:" + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                String headers = readHeaders(in);
                assertThat(headers).startsWith("HTTP/1.1 101");
                long opened = System.nanoTime();
                List<String> texts = new ArrayList<>();
                while (true) {
                    int first = in.read();
                    if (first < 0) {
                        return new Result(texts, true, Duration.ofNanos(System.nanoTime() - opened));
                    }
                    int opcode = first & 0x0F;
                    long length = in.readUnsignedByte() & 0x7F; // server frames are not masked
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] payload = in.readNBytes((int) length);
                    if (opcode == 0x1) {
                        texts.add(new String(payload, StandardCharsets.UTF_8));
                    } else if (opcode == 0x8) {
                        return new Result(texts, true, Duration.ofNanos(System.nanoTime() - opened));
                    }
                }
            }
        }

        private static String readHeaders(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed during the handshake: " + bytes);
                }
                bytes.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }

    // ---- the SDK's types ----

    /** Ticker.from_dict: every decimal parses, trade_count is an integer, timestamp an ISO-8601 time. */
    private static void assertSdkTicker(JsonNode ticker, String symbol) {
        assertThat(ticker.path("symbol").asText()).isEqualTo(symbol);
        for (String field : List.of("open", "high", "low", "close", "volume", "quote_volume", "change", "change_pct")) {
            assertThat(ticker.path(field).isTextual()).as(field + " as a decimal string").isTrue();
            new BigDecimal(ticker.path(field).asText());
        }
        assertThat(ticker.path("trade_count").isIntegralNumber()).as("trade_count").isTrue();
        assertThat(Instant.parse(ticker.path("timestamp").asText())).isNotNull();
    }

    /** Order.from_dict's fields, and what the SDK's on_order_update handlers read (order_id, status). */
    private static void assertSdkOrder(JsonNode order, String orderId, String status, String event) {
        assertThat(order.path("channel").asText()).isEqualTo("orders");
        assertThat(UUID.fromString(order.path("order_id").asText())).isEqualTo(UUID.fromString(orderId));
        assertThat(order.path("status").asText()).isEqualTo(status);
        assertThat(order.path("event").asText()).isEqualTo(event);
        assertThat(order.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(order.path("side").asText()).isEqualTo("buy");
        assertThat(dec(order, "quantity")).isEqualByComparingTo("0.01");
        assertThat(Instant.parse(order.path("created_at").asText())).isNotNull();
        // Order.from_dict(message["data"]): the REST order, its type included
        JsonNode data = order.path("data");
        assertThat(data.path("order_id").asText()).isEqualTo(orderId);
        assertThat(data.path("type").asText()).isEqualTo(order.path("order_type").asText()).isIn("market", "limit");
        assertThat(data.path("status").asText()).isEqualTo(status);
    }

    /** Portfolio.from_dict, positions included. */
    private static void assertSdkPortfolio(JsonNode portfolio) {
        assertThat(portfolio.path("channel").asText()).isEqualTo("portfolio");
        for (String field : List.of("total_equity", "available_cash", "locked_cash", "total_position_value",
                "unrealized_pnl", "realized_pnl", "total_pnl", "roi_pct", "starting_balance", "total_value")) {
            new BigDecimal(portfolio.path(field).asText());
        }
        for (JsonNode position : portfolio.path("positions")) {
            for (String field : List.of("quantity", "avg_entry_price", "current_price", "market_value",
                    "unrealized_pnl", "unrealized_pnl_pct")) {
                new BigDecimal(position.path(field).asText());
            }
            Instant.parse(position.path("opened_at").asText());
        }
        Instant.parse(portfolio.path("timestamp").asText());
    }

    // ---- by hand, from the files ----

    /** The ticker's numbers recomputed from the CSV rows that opened in [end − 24 h, end). */
    private static void assertMatchesCandles(JsonNode ticker, String symbol, Instant end) {
        long to = end.toEpochMilli();
        List<String[]> window = new ArrayList<>(rows(symbol).subMap(to - 1440 * MINUTE_MS, true, to, false).values());
        assertThat(window).as("a full day of 1m candles before " + end).hasSize(1440);
        BigDecimal open = new BigDecimal(window.get(0)[1]);
        BigDecimal close = new BigDecimal(window.get(window.size() - 1)[4]);
        assertThat(dec(ticker, "open")).isEqualByComparingTo(open);
        assertThat(dec(ticker, "close")).isEqualByComparingTo(close);
        assertThat(dec(ticker, "high")).isEqualByComparingTo(window.stream().map(r -> new BigDecimal(r[2]))
                .max(BigDecimal::compareTo).orElseThrow());
        assertThat(dec(ticker, "low")).isEqualByComparingTo(window.stream().map(r -> new BigDecimal(r[3]))
                .min(BigDecimal::compareTo).orElseThrow());
        assertThat(dec(ticker, "volume")).isEqualByComparingTo(sum(window, 5));
        assertThat(dec(ticker, "quote_volume")).isEqualByComparingTo(sum(window, 7));
        assertThat(ticker.path("trade_count").asLong()).isEqualTo(sum(window, 8).longValueExact());
        assertThat(dec(ticker, "change")).isEqualByComparingTo(close.subtract(open));
        assertThat(dec(ticker, "change_pct")).isEqualByComparingTo(close.subtract(open).multiply(BigDecimal.valueOf(100))
                .divide(open, 4, RoundingMode.HALF_EVEN));
    }

    private static BigDecimal sum(List<String[]> rows, int column) {
        return rows.stream().map(r -> new BigDecimal(r[column])).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Both days of the symbol's 12-column Binance CSV, by open time (ms). */
    private static NavigableMap<Long, String[]> rows(String symbol) {
        return CSV.computeIfAbsent(symbol, s -> {
            NavigableMap<Long, String[]> rows = new TreeMap<>();
            for (String day : List.of("07", "08")) {
                try {
                    for (String line : Files.readAllLines(futures(s, day))) {
                        if (!line.isBlank() && Character.isDigit(line.charAt(0))) {
                            String[] cells = line.split(",");
                            rows.put(Long.parseLong(cells[0]), cells);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return rows;
        });
    }

    private static Path futures(String symbol, String day) {
        return Path.of(System.getProperty("battles.shared.dir"), "data", "binance-futures-um",
                symbol + "-1m-2022-11-" + day + ".csv");
    }

    /** Where the replay is: the feed's health says it. */
    private Instant replayPresent() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/actuator/health/feed")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return Instant.parse(JSON.readTree(response.body()).path("components").path("priceFeed").path("details")
                    .path("marketTime").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- clients ----

    private BattleChannelClient connect(String query) {
        return BattleChannelClient.connect(port, query);
    }

    private Agent register(String displayName) {
        ApiClient anonymous = new ApiClient(port);
        var registered = anonymous.post("/auth/register", Map.of("display_name", displayName));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login = anonymous.post("/auth/login",
                Map.of("api_key", registered.field("api_key"), "api_secret", registered.field("api_secret")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new Agent(registered.field("default_agent_id"), registered.field("api_key"),
                anonymous.withApiKey(registered.field("api_key")), anonymous.withToken(login.field("token")),
                login.field("token"));
    }

    private static BigDecimal dec(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText());
    }
}
