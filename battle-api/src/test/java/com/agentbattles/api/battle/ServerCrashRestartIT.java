package com.agentbattles.api.battle;

import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.ServerProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the server in the middle of a historical battle, twice, each time started again at
 * once on the same data dir, as an OOM kill or a supervisor's hard stop would leave it:
 * <ul>
 *   <li>the JVM alone: the embedded PostgreSQL goes down with it (its watchdog), nothing is left running;</li>
 *   <li>the JVM and everything it started: the orphaned postmaster keeps running, and the next
 *       start stops it instead of failing on "lock file postmaster.pid already exists".</li>
 * </ul>
 * The battle then ends exactly as an uncrashed rematch with the same orders at the same steps,
 * and its audit matches. The server is the packaged jar, started with Spring properties and no
 * subcommand ({@code java -jar battle-api.jar --server.port=…}).
 */
class ServerCrashRestartIT {

    private static final String DAY = "2022-11-09";
    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv");
    private static final Path ETH_FILE = HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-" + DAY + ".csv");
    private static final String ADMIN_KEY = "crash-admin";

    @TempDir
    Path root;

    private final List<ServerProcess> servers = new ArrayList<>();

    /** An order placed right after step {@code afterStep}, by the agent named in the body. */
    private record ScriptedOrder(long afterStep, String agent, Map<String, Object> body) {
    }

    @AfterEach
    void stopEverything() {
        servers.forEach(ServerProcess::close);
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aBattleSurvivesTwoKillsAndEndsAsAnUncrashedRematch() {
        Path dataDir = root.resolve("data");
        ServerProcess first = start(dataDir);
        var upload = new ApiClient(first.port()).withHeader("X-Admin-Key", ADMIN_KEY)
                .upload("/admin/candles/import", "file", List.of(BTC_FILE, ETH_FILE));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        BattleApiClient.Account owner = BattleApiClient.register(first.port(), "Crash owner");
        String trader = owner.newAgent("Trader");
        String holder = owner.newAgent("Holder");
        List<ScriptedOrder> script = List.of(
                new ScriptedOrder(1, trader, order("BTCUSDT", "buy", "market", "0.1", null)),
                new ScriptedOrder(1, trader, order("BTCUSDT", "sell", "limit", "0.1", "30000")),
                new ScriptedOrder(1, holder, order("BTCUSDT", "buy", "market", "0.12", null)),
                new ScriptedOrder(300, trader, order("ETHUSDT", "buy", "market", "1", null)),
                new ScriptedOrder(600, trader, order("ETHUSDT", "sell", "market", "1", null)),
                new ScriptedOrder(800, holder, order("ETHUSDT", "buy", "market", "0.5", null)),
                new ScriptedOrder(1200, trader, order("ETHUSDT", "buy", "market", "2", null)));

        BattleApiClient api = owner.jwt();
        String battleId = api.post("/battles", Map.of("name", "Crashed day", "preset", "historical_day",
                "backtest_config", Map.of("start_time", DAY + "T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "candle_interval", "1m", "pairs", List.of("BTCUSDT", "ETHUSDT")))).expect(201).body()
                .get("battle_id").asText();
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", trader)).expect(201);
        api.post("/battles/" + battleId + "/participants", Map.of("agent_id", holder)).expect(201);
        api.post("/battles/" + battleId + "/start").expect(200);
        long step = play(api, battleId, script, 0, 700);

        // 1. kill -9 of the JVM alone: its postmaster stops by itself, although no JVM is running
        long postmasterPid = postmaster().orElseThrow().pid();
        first.killJvm();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(postmasterPid).map(p -> !p.isAlive()).orElse(true));

        ServerProcess second = start(dataDir);
        api = owner.jwt().onPort(second.port());
        step = nextStep(api, battleId, step);
        step = play(api, battleId, script, step, 1000);

        // 2. kill -9 of the JVM and of what it started: the postmaster is orphaned and still running
        ProcessHandle orphan = postmaster().orElseThrow();
        second.killProcessTree();
        assertThat(orphan.isAlive()).as("the postmaster outlives a kill of the process tree").isTrue();

        ServerProcess third = start(dataDir);
        assertThat(orphan.isAlive()).as("the restart stopped the orphan").isFalse();
        api = owner.jwt().onPort(third.port());
        step = nextStep(api, battleId, step);
        step = play(api, battleId, script, step, 1440);
        assertThat(step).isEqualTo(1440);

        JsonNode results = api.get("/battles/" + battleId + "/results").expect(200).body();
        assertThat(results.get("status").asText()).isEqualTo("completed");
        assertThat(results.get("rankings")).hasSize(2);
        JsonNode audit = api.get("/battles/" + battleId + "/audit").expect(200).body();
        assertThat(audit.get("matches").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.at("/replay/recorded_digest").asText()).isEqualTo(results.get("rankings_digest").asText());

        // the same battle never interrupted: same config and roster, same orders at the same steps
        String rematch = api.post("/battles/" + battleId + "/rematch", Map.of()).expect(201).body().get("battle_id").asText();
        api.post("/battles/" + rematch + "/start").expect(200);
        play(api, rematch, script, 0, 1440);
        JsonNode uncrashed = api.get("/battles/" + rematch + "/results").expect(200).body();
        assertThat(results.get("rankings_digest").asText()).isEqualTo(uncrashed.get("rankings_digest").asText());
        assertThat(results.get("rankings").toString()).isEqualTo(uncrashed.get("rankings").toString());
        assertThat(api.get("/battles/" + rematch + "/audit").expect(200).body().get("matches").asBoolean()).isTrue();
    }

    @Test
    void aCommandBesideTheRunningServerIsRefusedInOneLine() throws Exception {
        Path dataDir = root.resolve("data");
        start(dataDir);
        Process importing = new ProcessBuilder(ServerProcess.java("--battles.data-dir=" + dataDir, "import", BTC_FILE.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(importing.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String err = new String(importing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(importing.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("error: 'import' cannot run beside process ")
                .contains("which holds the embedded database in " + dataDir.toRealPath())
                .contains("POST /api/v1/admin/candles/import");
    }

    private ServerProcess start(Path dataDir) {
        ServerProcess server = ServerProcess.start(dataDir, "--battles.admin-key=" + ADMIN_KEY);
        servers.add(server);
        return server;
    }

    /** Steps from {@code from} to {@code to}, placing the script's orders of the steps passed. */
    private static long play(BattleApiClient api, String battleId, List<ScriptedOrder> script, long from, long to) {
        long step = from;
        for (ScriptedOrder order : script) {
            if (order.afterStep() <= from || order.afterStep() > to) {
                continue;
            }
            step = stepTo(api, battleId, step, order.afterStep());
            Map<String, Object> body = new LinkedHashMap<>(order.body());
            body.put("agent_id", order.agent());
            api.post("/battles/" + battleId + "/trade/order", body).expect(201);
        }
        return stepTo(api, battleId, step, to);
    }

    /** One step after a restart: the battle's clock carries on where it was. */
    private static long nextStep(BattleApiClient api, String battleId, long step) {
        assertThat(api.post("/battles/" + battleId + "/step").expect(200).body().get("step").asLong()).isEqualTo(step + 1);
        return step + 1;
    }

    private static long stepTo(BattleApiClient api, String battleId, long step, long target) {
        while (step < target) {
            int steps = (int) Math.min(1000, target - step);
            step = api.post("/battles/" + battleId + "/step/batch", Map.of("steps", steps)).expect(200).body().get("step").asLong();
        }
        return step;
    }

    private static Map<String, Object> order(String symbol, String side, String type, String quantity, String price) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("symbol", symbol, "side", side, "type", type, "quantity", quantity));
        if (price != null) {
            body.put("price", price);
        }
        return body;
    }

    /** The live postmaster of this test's data dir, from its postmaster.pid. */
    private Optional<ProcessHandle> postmaster() {
        Path pidFile = root.resolve("data/postgres/postmaster.pid");
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            return Optional.empty(); // no postmaster.pid: none running
        }
    }
}
