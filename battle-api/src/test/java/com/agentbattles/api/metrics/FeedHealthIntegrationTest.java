package com.agentbattles.api.metrics;

import com.agentbattles.api.BattlesApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that cannot reach Binance (as on a fresh start without network) still serves
 * historical battles, accounts and reads: its overall health, liveness and readiness stay UP so
 * a load balancer keeps it, while the feed's own group and meter say the feed is down.
 */
class FeedHealthIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext server;
    private static int port;

    @BeforeAll
    static void startWithAnUnreachableFeed() throws IOException {
        Path dataDir = Files.createTempDirectory("battles-feed-health-");
        server = new SpringApplicationBuilder(BattlesApplication.class).run("--server.port=0",
                "--battles.data-dir=" + dataDir, "--battles.db.url=", "--battles.market.feed=binance",
                // loopback port 1: nothing listens there, and nothing leaves the machine
                "--battles.market.binance.ws-base-url=ws://127.0.0.1:1",
                "--battles.market.binance.reconnect-initial-delay=100ms",
                "--management.defaults.metrics.export.enabled=true");
        port = ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void onlyTheFeedsOwnGroupAndMeterSayTheFeedIsDown() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/feed").statusCode() == 503);
        HttpResponse<String> feed = get("/actuator/health/feed");
        JsonNode feedHealth = JSON.readTree(feed.body());
        assertThat(feedHealth.path("status").asText()).as(feed.body()).isEqualTo("DOWN");
        assertThat(feedHealth.at("/components/priceFeed/details/feed").asText()).isEqualTo("binance");
        assertThat(feedHealth.at("/components/priceFeed/details/lastProblem").asText()).isNotBlank();

        HttpResponse<String> overall = get("/actuator/health");
        assertThat(overall.statusCode()).as(overall.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(overall.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.path("components").has("priceFeed")).as(overall.body()).isFalse();

        for (String probe : new String[]{"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> answer = get(probe);
            assertThat(answer.statusCode()).as(probe + " " + answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("UP");
        }

        assertThat(get("/actuator/prometheus").body()).contains("battles_price_feed_up{feed=\"binance\"} 0.0");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
