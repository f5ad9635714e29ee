package com.agentbattles.api.market;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.agentbattles.api.support.ReplayFeedServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market endpoints over HTTP on the real server: admin upload of real Binance files, then
 * candles, coverage (with the 2023-03-24 halt), and live prices from the replay feed, which
 * starts playing by itself once the import brought candles. Its own server and database (not the
 * shared {@code IntegrationTest} context), because it runs the replay feed instead of Binance.
 */
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketEndpointsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "market-it", "test-admin-key", "1h", 360_000);
    }

    private ApiClient anonymous() {
        return new ApiClient(port);
    }

    /** A fresh account, logged in: market data needs an authenticated caller. */
    private ApiClient register(String displayName) {
        var registered = anonymous().post("/auth/register", Map.of("display_name", displayName));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var login = anonymous().post("/auth/login",
                Map.of("api_key", registered.field("api_key"), "api_secret", registered.field("api_secret")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return anonymous().withToken(login.field("token"));
    }

    private static Path shared(String name) {
        return Path.of(System.getProperty("battles.shared.dir"), "data", "binance-spot-freqtrade", name);
    }

    /** POST multipart/form-data with every file in the field {@code file}. */
    private HttpResponse<String> upload(String adminKey, List<Path> files) throws IOException, InterruptedException {
        String boundary = "----battles" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path f : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + f.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(f));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/admin/candles/import"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (adminKey != null) {
            request.header("X-Admin-Key", adminKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void adminImportsUploadedFilesAndReportsEachOne() throws Exception {
        assertThat(upload(null, List.of(shared("BTCUSDT-1h-2023-04-01_2023-05-01.json"))).statusCode()).isEqualTo(401);

        HttpResponse<String> response = upload("test-admin-key", List.of(
                shared("BTCUSDT-1h-2023-04-01_2023-05-01.json"), shared("ETHUSDT-1h-2023-04-01_2023-05-01.json"),
                shared("SOLUSDT-1m-2023-03-16_2023-05-01.json.gz")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("imported").asInt()).isEqualTo(3);
        JsonNode btc = result.path("files").get(0);
        assertThat(btc.path("file").asText()).isEqualTo("BTCUSDT-1h-2023-04-01_2023-05-01.json");
        assertThat(btc.path("status").asText()).isEqualTo("imported");
        assertThat(btc.path("interval").asText()).isEqualTo("1h");
        assertThat(btc.path("rows_accepted").asInt()).isEqualTo(719);
        assertThat(btc.path("first_open_time").asText()).isEqualTo("2023-04-01T16:00:00Z");
        JsonNode sol = result.path("files").get(2);
        assertThat(sol.path("rows_accepted").asInt()).isEqualTo(66_088);
        assertThat(sol.path("gaps")).hasSize(1);
        assertThat(sol.path("gaps").get(0).path("start").asText()).isEqualTo("2023-03-24T12:40:00Z");
        assertThat(sol.path("gaps").get(0).path("end").asText()).isEqualTo("2023-03-24T14:00:00Z");
    }

    @Test
    @Order(2)
    void aFileThatCannotBeImportedIsA422WithTheReport() throws Exception {
        Path junk = Files.createTempFile("BTCUSDT-1m-", ".csv");
        Files.writeString(junk, "this,is\nnot,klines\n");
        HttpResponse<String> response = upload("test-admin-key", List.of(junk));
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("IMPORT_FAILED");
        assertThat(error.path("details").path("files").get(0).path("error").asText()).isEqualTo("no valid kline rows");
    }

    @Test
    @Order(3)
    void candlesComeAsDecimalStringsWithUtcTimes() {
        ApiClient api = register("market-reader");
        awaitReplayPast("2023-04-02T00:00:00Z");
        var r = api.get("/market/candles/btcusdt?interval=1h&start=2023-04-01T16:00:00Z&limit=3");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode candles = r.json().path("candles");
        assertThat(candles).hasSize(3);
        assertThat(candles.get(0).path("time").asText()).isEqualTo("2023-04-01T16:00:00Z");
        assertThat(candles.get(0).path("open").isTextual()).isTrue();
        assertThat(candles.get(0).path("trade_count").isNull()).isTrue(); // the 6-column source has none
        assertThat(candles.get(2).path("time").asText()).isEqualTo("2023-04-01T18:00:00Z");

        // 4h candles are derived from 1m: 08:00 and 12:00 exist although the halt hit the 12:00 one;
        // end is inclusive, so the 16:00 one is in too
        var sol4h = api.get("/market/candles/SOLUSDT?interval=4h&start=2023-03-24T08:00:00Z&end=2023-03-24T16:00:00Z");
        assertThat(sol4h.json().path("candles").findValuesAsText("time"))
                .containsExactly("2023-03-24T08:00:00Z", "2023-03-24T12:00:00Z", "2023-03-24T16:00:00Z");

        // the latest candles are the replay's, not the store's: none the feed has not played yet
        var latest = api.get("/market/candles/SOLUSDT?interval=1m&limit=2");
        Instant present = replayPresent();
        Instant lastOpen = Instant.parse(latest.json().path("candles").get(1).path("time").asText());
        assertThat(lastOpen).isBeforeOrEqualTo(Instant.parse("2023-05-01T21:02:00Z"));
        assertThat(lastOpen.plusSeconds(60)).isBeforeOrEqualTo(present);
    }

    /** Only candles the replay has played are shown: waits until it is past the ones a test reads. */
    private void awaitReplayPast(String time) {
        await().atMost(Duration.ofSeconds(120)).until(() -> replayPresent().isAfter(Instant.parse(time)));
    }

    /** Where the replay feed is (its health details): the market's present. */
    private Instant replayPresent() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/feed"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String present = JSON.readTree(response.body()).path("components").path("priceFeed").path("details")
                    .path("marketTime").asText();
            return present.isEmpty() || "null".equals(present) ? Instant.EPOCH : Instant.parse(present);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Binance's endTime is inclusive, and code ported from Binance must get the same candles here. */
    @Test
    @Order(3)
    void theCandleOpeningAtEndIsIncludedAsOnBinance() {
        awaitReplayPast("2023-04-02T00:00:00Z");
        ApiClient api = register("market-binance-port");
        assertThat(times(api.get("/market/candles/BTCUSDT?interval=1h&start=2023-04-01T16:00:00Z&end=2023-04-01T18:00:00Z")))
                .containsExactly("2023-04-01T16:00:00Z", "2023-04-01T17:00:00Z", "2023-04-01T18:00:00Z");
        // the same in epoch milliseconds, as Binance clients send them (18:00 = 1680372000000)
        assertThat(times(api.get("/market/candles/BTCUSDT?interval=1h&start=1680364800000&end=1680372000000")))
                .containsExactly("2023-04-01T16:00:00Z", "2023-04-01T17:00:00Z", "2023-04-01T18:00:00Z");
        // start = end is the one candle opening then
        assertThat(times(api.get("/market/candles/BTCUSDT?interval=1h&start=2023-04-01T18:00:00Z&end=2023-04-01T18:00:00Z")))
                .containsExactly("2023-04-01T18:00:00Z");
        // without start: the latest candles opening at or before end
        assertThat(times(api.get("/market/candles/BTCUSDT?interval=1h&end=2023-04-01T18:00:00Z&limit=2")))
                .containsExactly("2023-04-01T17:00:00Z", "2023-04-01T18:00:00Z");
        // an end inside a candle's hour does not take the next one
        assertThat(times(api.get("/market/candles/BTCUSDT?interval=1h&start=2023-04-01T16:00:00Z&end=2023-04-01T17:59:59.999Z")))
                .containsExactly("2023-04-01T16:00:00Z", "2023-04-01T17:00:00Z");
    }

    private static List<String> times(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("candles").findValuesAsText("time");
    }

    @Test
    @Order(4)
    void badCandleQueriesAreClientErrors() {
        ApiClient api = register("market-bad-input");
        assertThat(api.get("/market/candles/BTCUSDT?limit=1001").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(api.get("/market/candles/BTCUSDT?interval=7m").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(api.get("/market/candles/BTCUSDT?start=yesterday").errorCode()).isEqualTo("VALIDATION_ERROR");
        for (String query : List.of("start=2023-04-02T00:00:00Z&end=2023-04-01T00:00:00Z", "end=%2B10000-01-01T00:00:00Z",
                "end=999999999999999999", "start=-1", "start=%2B1000000000-01-01T00:00:00Z")) {
            var bad = api.get("/market/candles/BTCUSDT?interval=1h&" + query);
            assertThat(bad.status()).as(query + " → " + bad).isEqualTo(400);
            assertThat(bad.errorCode()).isEqualTo("VALIDATION_ERROR");
        }
        var unknown = api.get("/market/candles/NOSUCHPAIR");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("SYMBOL_NOT_FOUND");
        assertThat(anonymous().get("/market/prices").status()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void coverageListsTheHalt() {
        ApiClient api = register("market-coverage");
        var r = api.get("/market/coverage?symbol=SOLUSDT&interval=1m");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode c = r.json().path("coverage").get(0);
        assertThat(c.path("stored").asBoolean()).isTrue();
        assertThat(c.path("candle_count").asLong()).isEqualTo(66_088);
        assertThat(c.path("gaps").get(0).path("start").asText()).isEqualTo("2023-03-24T12:40:00Z");
        assertThat(c.path("gaps").get(0).path("end").asText()).isEqualTo("2023-03-24T14:00:00Z");
        assertThat(api.get("/market/coverage").json().path("coverage")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(6)
    void pricesComeFromTheReplayFeedOnceCandlesAreStored() throws Exception {
        ApiClient api = register("market-prices");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/market/prices").json().path("prices").size() == 2);
        var btc = api.get("/market/price/BTCUSDT");
        assertThat(btc.status()).isEqualTo(200);
        assertThat(btc.field("symbol")).isEqualTo("BTCUSDT");
        assertThat(btc.json().path("price").isTextual()).isTrue();
        assertThat(btc.field("timestamp")).endsWith("Z");
        var pairs = api.get("/market/pairs").json().path("pairs");
        assertThat(pairs.get(0).path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(pairs.get(0).path("quote_asset").asText()).isEqualTo("USDT");
        HttpResponse<String> healthResponse = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/feed")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode health = JSON.readTree(healthResponse.body());
        assertThat(health.path("components").path("priceFeed").path("details").path("feed").asText())
                .isEqualTo("replay");
    }
}
