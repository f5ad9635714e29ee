package com.agentbattles.api.metrics;

import com.agentbattles.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a Prometheus scraper sees: no credentials, text exposition format, the project's meters. */
class PrometheusMetricsIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    BattleMeters battleMeters;

    @Test
    void aScraperWithoutCredentialsReadsTheBattleCountsByStatus() {
        var alice = register("Metrics Alice");
        double draftsBefore = scrape().value("battles_battles", Map.of("status", "draft")).orElse(0);

        var created = alice.api().post("/battles", Map.of("name", "Metrics duel", "preset", "quick_1h"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        // the gauge is a cached count: wait (with a deadline) for the refresh that includes our battle
        double drafts = awaitValue("battles_battles", Map.of("status", "draft"), v -> v >= draftsBefore + 1);
        assertThat(drafts).isGreaterThanOrEqualTo(1);
        for (String status : new String[]{"pending", "active", "paused", "completed", "cancelled"}) {
            assertThat(scrape().value("battles_battles", Map.of("status", status))).as(status).isPresent();
        }
    }

    @Test
    void commandHandlingTimesAreRecordedPerCommandType() {
        Map<String, String> registrations = Map.of("payloadType", "RegisterAccount");
        double before = scrape().value("commandBus_successTimer_seconds_count", registrations).orElse(0);
        register("Metrics Bob");
        Scrape after = scrape();
        assertThat(after.value("commandBus_successTimer_seconds_count", registrations)).hasValue(before + 1);
        assertThat(after.value("commandBus_successTimer_seconds_sum", registrations).orElseThrow()).isPositive();
    }

    @Test
    void everyProjectionReportsItsLagAndItReachesZeroOnceCaughtUp() {
        register("Metrics Carol");
        for (String processor : new String[]{"accounts", "agents", "credentials", "battles"}) {
            double lag = awaitValue("battles_projection_lag_events", Map.of("processor", processor), v -> v == 0);
            assertThat(lag).as(processor).isZero();
        }
    }

    @Test
    void webSocketSessionsAndThePriceFeedAreGauged() {
        Scrape scrape = scrape();
        assertThat(scrape.value("battles_websocket_sessions", Map.of())).isPresent();
        // the test server runs with battles.market.feed=none, which is always "up"
        assertThat(scrape.value("battles_price_feed_up", Map.of("feed", "none"))).hasValue(1.0);
    }

    @Test
    void tradingCountersCountWhatHappensInABattle() {
        double steps = scrape().value("battles_steps_total", Map.of()).orElseThrow();
        double rejected = scrape().value("battles_orders_total", Map.of("result", "rejected")).orElseThrow();
        double filled = scrape().value("battles_orders_total", Map.of("result", "filled")).orElseThrow();
        double fills = scrape().value("battles_fills_total", Map.of()).orElseThrow();

        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key").upload("/admin/candles/import", "file",
                java.util.List.of(shared("BTCUSDT-1m-2022-11-09.csv"), shared("ETHUSDT-1m-2022-11-09.csv")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        var api = register("Metered").api();
        String a = api.post("/agents", Map.of("name", "A")).field("agent_id");
        String b = api.post("/agents", Map.of("name", "B")).field("agent_id");
        String battle = api.post("/battles", Map.of("name", "Metered day", "preset", "historical_day",
                "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "pairs", java.util.List.of("BTCUSDT", "ETHUSDT")))).field("battle_id");
        api.post("/battles/" + battle + "/participants", Map.of("agent_id", a));
        api.post("/battles/" + battle + "/participants", Map.of("agent_id", b));
        assertThat(api.post("/battles/" + battle + "/start").status()).isEqualTo(200);
        assertThat(api.post("/battles/" + battle + "/step/batch", Map.of("steps", 5)).status()).isEqualTo(200);
        assertThat(api.post("/battles/" + battle + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT",
                "side", "sell", "type", "market", "quantity", "1")).status()).isEqualTo(422);
        assertThat(api.post("/battles/" + battle + "/trade/order", Map.of("agent_id", a, "symbol", "BTCUSDT",
                "side", "buy", "type", "market", "quantity", "0.01")).status()).isEqualTo(201);

        // counted from the events, as they reach the live side-effect processor
        awaitValue("battles_steps_total", Map.of(), v -> v >= steps + 5);
        awaitValue("battles_orders_total", Map.of("result", "rejected"), v -> v >= rejected + 1);
        awaitValue("battles_orders_total", Map.of("result", "filled"), v -> v >= filled + 1);
        awaitValue("battles_fills_total", Map.of(), v -> v >= fills + 1);
        assertThat(scrape().value("battles_orders_total", Map.of("result", "resting"))).isPresent();
        assertThatThrownBy(() -> battleMeters.orderDecided("maybe")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> battleMeters.stepTaken(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.nio.file.Path shared(String file) {
        return com.agentbattles.api.support.SharedData.file("binance-futures-um/" + file);
    }

    private double awaitValue(String name, Map<String, String> tags, DoublePredicate condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        OptionalDouble last = OptionalDouble.empty();
        while (System.nanoTime() < deadline) {
            last = scrape().value(name, tags);
            if (last.isPresent() && condition.test(last.getAsDouble())) {
                return last.getAsDouble();
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError(name + tags + " never met the condition; last value " + last);
    }

    private Scrape scrape() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            return new Scrape(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The text exposition format, one sample per line: {@code name{tag="v",…} value}. */
    record Scrape(String text) {

        OptionalDouble value(String name, Map<String, String> tags) {
            Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(text);
            while (line.find()) {
                String labels = line.group(1) == null ? "" : line.group(1);
                boolean matches = tags.entrySet().stream()
                        .allMatch(tag -> labels.contains(tag.getKey() + "=\"" + tag.getValue() + "\""));
                if (matches) {
                    return OptionalDouble.of(Double.parseDouble(line.group(2)));
                }
            }
            return OptionalDouble.empty();
        }
    }
}
