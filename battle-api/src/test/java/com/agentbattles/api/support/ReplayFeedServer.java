package com.agentbattles.api.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The properties of a test server of its own whose live prices come from the replay feed playing
 * stored BTCUSDT and ETHUSDT candles, for tests that need prices: call it from the test class's
 * {@code @DynamicPropertySource}. It always runs on an embedded database of its own, also when
 * BATTLES_DB_URL names a shared server: two servers on one database would share its processors'
 * segments (one node would project, the other decide), which is the multi-node setup of
 * docs/operations.md, not what these tests are about.
 */
public final class ReplayFeedServer {

    private ReplayFeedServer() {
    }

    /**
     * @param interval the replayed candles' interval (Binance spelling)
     * @param speed    market time per wall time (60 plays one 1m candle per second)
     */
    public static void register(DynamicPropertyRegistry registry, String name, String adminKey, String interval,
                                double speed) {
        try {
            String dataDir = Files.createTempDirectory("battles-" + name + "-").toString();
            registry.add("battles.data-dir", () -> dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("battles.db.url", () -> "");
        registry.add("battles.admin-key", () -> adminKey);
        registry.add("battles.market.feed", () -> "replay");
        registry.add("battles.market.replay.symbols", () -> "BTCUSDT,ETHUSDT");
        registry.add("battles.market.replay.interval", () -> interval);
        registry.add("battles.market.replay.speed", () -> String.valueOf(speed));
    }

    /**
     * Uploads the hourly BTCUSDT and ETHUSDT candles of April 2023 through the admin endpoint
     * unless the server already quotes both (the first test of a class imports them), and waits
     * until the replay feed quotes both pairs.
     */
    public static void awaitPrices(int port, String adminKey) {
        ApiClient reader = RegisteredAgent.register(port, "price-reader").jwt();
        if (reader.get("/market/prices").json().path("prices").size() < 2) {
            var imported = new ApiClient(port).withHeader("X-Admin-Key", adminKey).upload("/admin/candles/import", "file",
                    List.of(SharedData.file("binance-spot-freqtrade/BTCUSDT-1h-2023-04-01_2023-05-01.json"),
                            SharedData.file("binance-spot-freqtrade/ETHUSDT-1h-2023-04-01_2023-05-01.json")));
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reader.get("/market/prices").json().path("prices").size() == 2);
    }
}
