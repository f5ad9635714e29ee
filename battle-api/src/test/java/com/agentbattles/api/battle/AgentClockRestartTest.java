package com.agentbattles.api.battle;

import com.agentbattles.api.BattlesApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The time-out of a step of the agents' clock is a persistent deadline: a server stopped while a
 * step waits for its agents fires it after it comes back, and the step moves on without them.
 */
class AgentClockRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aPendingTimeOutFiresAfterTheServerComesBack() {
        String battleId;
        BattleApiClient.Account owner;
        try (ConfigurableApplicationContext first = start()) {
            int port = port(first);
            var upload = new com.agentbattles.api.support.ApiClient(port).withHeader("X-Admin-Key", "restart-admin")
                    .upload("/admin/candles/import", "file", List.of(
                            HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv")));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
            owner = BattleApiClient.register(port, "Restarter");
            BattleApiClient api = owner.jwt();
            String thinker = owner.newAgent("Thinker");
            String sleeper = owner.newAgent("Sleeper");
            battleId = api.post("/battles", Map.of("name", "Interrupted step", "preset", "historical_day",
                    "config", Map.of("clock", "agents", "step_timeout_seconds", 6),
                    "backtest_config", Map.of("start_time", "2022-11-09T00:00:00Z", "end_time", "2022-11-09T00:05:00Z",
                            "pairs", List.of("BTCUSDT")))).expect(201).body().get("battle_id").asText();
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", thinker)).expect(201);
            api.post("/battles/" + battleId + "/participants", Map.of("agent_id", sleeper)).expect(201);
            api.post("/battles/" + battleId + "/start").expect(200);
            JsonNode ready = api.post("/battles/" + battleId + "/ready?agent_id=" + thinker).expect(200).body();
            assertThat(ready.get("step").asLong()).isZero();
        }

        try (ConfigurableApplicationContext second = start()) {
            BattleApiClient api = owner.jwt().onPort(port(second));
            String base = "/battles/" + battleId;
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get(base + "/market/prices").expect(200).body().get("step").asLong() == 1);
            JsonNode live = api.get(base + "/live").expect(200).body();
            for (JsonNode ranking : live.get("rankings")) {
                long expectedTimeouts = ranking.get("agent_name").asText().equals("Sleeper") ? 1 : 0;
                assertThat(ranking.at("/clock/timeouts").asLong()).as(ranking.toString()).isEqualTo(expectedTimeouts);
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BattlesApplication.class)
                .run("--server.port=0", "--battles.data-dir=" + dataDir, "--battles.db.url=",
                        "--battles.market.feed=none", "--battles.admin-key=restart-admin");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
