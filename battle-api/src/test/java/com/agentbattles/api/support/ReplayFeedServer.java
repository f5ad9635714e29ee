package com.agentbattles.api.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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
}
