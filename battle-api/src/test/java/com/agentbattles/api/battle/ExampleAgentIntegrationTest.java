package com.agentbattles.api.battle;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example agent in examples/ plays a battle on the agents' clock with nothing but its key,
 * as the README runs it; its opponent never answers, so every step it does not close times out.
 */
class ExampleAgentIntegrationTest extends IntegrationTest {

    private static final Path SCRIPT = Path.of("..", "examples", "momentum_agent.py").toAbsolutePath().normalize();
    private static final int STEPS = 6;

    @Test
    void theExampleAgentPlaysABattleToItsEndWithItsKey() throws IOException, InterruptedException {
        var upload = anonymous().withHeader("X-Admin-Key", "test-admin-key").upload("/admin/candles/import", "file",
                List.of(HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        BattleApiClient.Account owner = BattleApiClient.register(port, "Example owner");
        BattleApiClient api = owner.jwt();
        JsonNode agent = api.post("/agents", Map.of("name", "Momentum")).expect(201).body();
        String silent = owner.newAgent("Silent");
        String battleId = api.post("/battles", Map.of("name", "Example", "preset", "historical_day",
                "config", Map.of("clock", "agents", "step_timeout_seconds", 2),
                "backtest_config", Map.of("start_time", "2022-11-09T06:00:00Z", "end_time", "2022-11-09T06:06:00Z",
                        "pairs", List.of("BTCUSDT")))).expect(201).body().get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", agent.get("agent_id").asText())).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", silent)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);

        Path output = Files.createTempFile("example-agent", ".log");
        ProcessBuilder run = new ProcessBuilder("python3", SCRIPT.toString(), "--battle", battleId,
                "--base-url", "http://localhost:" + port + "/api/v1")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        run.environment().put("BATTLES_API_KEY", agent.get("api_key").asText());
        Process process = run.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }

        assertThat(ended).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("completed at step " + STEPS);
        JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
        for (JsonNode ranking : results.get("rankings")) {
            JsonNode clock = ranking.get("clock");
            if (ranking.get("agent_name").asText().equals("Silent")) {
                assertThat(clock.get("timeouts").asLong()).as(results.toString()).isEqualTo(STEPS);
            } else {
                assertThat(clock.get("steps_decided_in_time").asLong() + clock.get("timeouts").asLong()).isEqualTo(STEPS);
                assertThat(clock.get("steps_decided_in_time").asLong()).as(log).isPositive();
            }
        }
    }
}
