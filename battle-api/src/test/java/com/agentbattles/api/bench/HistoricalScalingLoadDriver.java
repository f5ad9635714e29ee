package com.agentbattles.api.bench;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.agentbattles.engine.TradingRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load driver (not a test) for how the cost of historical battles grows with the number of battles
 * running at once and with the number of agents in a battle (issue 14, docs/benchmarks.md "How the
 * cost grows"). It starts the real application in this JVM (embedded PostgreSQL on a fresh temp
 * dir, or BATTLES_DB_URL), imports 46 days of real Binance 1m candles for BTCUSDT and ETHUSDT,
 * creates 50 agents once, and then, for each configuration of B battles × A agents, starts B new
 * battles and drives each from a thread of its own over HTTP, for a fixed wall time, in two modes:
 * <ul>
 *   <li><b>step</b>: one {@code POST /step}, then one 0.001 BTC market order per agent (buy, sell, …);</li>
 *   <li><b>batch</b>: one {@code POST /step/batch} of 100, then one market order per agent.</li>
 * </ul>
 * While a mode runs, a {@link ThreadSampler} records what the request and processor threads were
 * doing, and the process CPU is measured; after it, the time the projections need to catch up.
 * The raw sandbox-engine agent-step rate is measured in the same JVM for 1 s after each mode (under the same
 * load of the shared machine) and for 2 s at the end, for the ratios.
 * Run with {@code bench/historical-scaling.sh}. System properties: {@code bench.battles} (default
 * 1,4,16, with 2 agents each), {@code bench.agents} (default 2,10,50, in 1 battle),
 * {@code bench.seconds} (per mode and configuration, default 15), {@code bench.data}.
 */
public final class HistoricalScalingLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "bench-admin-key";
    private static final String START = "2023-03-25T00:00:00Z";
    private static final String END = "2023-04-24T00:00:00Z";
    private static final int BATCH = 100;
    private static final int MAX_AGENTS = 50;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;
    private final Path sharedData;
    private final int seconds;
    private final List<String> table = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();
    private ConfigurableApplicationContext app;
    private String base;
    private String jwt;
    private int created;

    private HistoricalScalingLoadDriver(Path dataDir, Path sharedData, int seconds) {
        this.dataDir = dataDir;
        this.sharedData = sharedData;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("bench.data", "/work/shared/data"));
        Path dataDir = Files.createTempDirectory("battles-scaling-bench-");
        HistoricalScalingLoadDriver driver = new HistoricalScalingLoadDriver(dataDir, shared,
                Integer.getInteger("bench.seconds", 15));
        int status = 0;
        try {
            driver.run(ints(System.getProperty("bench.battles", "1,4,16")), ints(System.getProperty("bench.agents", "2,10,50")));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (driver.app != null) {
                driver.app.close();
            }
        }
        System.exit(status);
    }

    private void run(List<Integer> battleCounts, List<Integer> agentCounts) throws Exception {
        String dbUrl = System.getenv("BATTLES_DB_URL");
        log("data dir " + dataDir + ", database " + (dbUrl == null || dbUrl.isBlank() ? "embedded" : dbUrl)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, java " + Runtime.version()
                + ", " + seconds + " s per mode and configuration, load average " + loadAverage());
        start();
        var upload = new ApiClient(port()).withHeader("X-Admin-Key", ADMIN_KEY).upload("/admin/candles/import", "file",
                List.of(sharedData.resolve("binance-spot-freqtrade/BTCUSDT-1m-2023-03-16_2023-05-01.json.gz"),
                        sharedData.resolve("binance-spot-freqtrade/ETHUSDT-1m-2023-03-16_2023-05-01.json.gz")));
        check(upload.status() == 200, "upload answered " + upload);
        JsonNode registered = call("POST", "/auth/register", Map.of("display_name", "Scaling bench"), 201);
        jwt = call("POST", "/auth/login", Map.of("api_key", registered.get("api_key").asText(),
                "api_secret", registered.get("api_secret").asText()), 200).get("token").asText();
        int pool = Math.min(MAX_AGENTS, Math.max(agentCounts.stream().mapToInt(i -> i).max().orElse(2),
                2 * battleCounts.stream().mapToInt(i -> i).max().orElse(1)));
        List<String> agents = new ArrayList<>();
        long t = System.nanoTime();
        for (int i = 0; i < pool; i++) {
            agents.add(call("POST", "/agents", Map.of("name", "Scaling " + i), 201).get("agent_id").asText());
        }
        log(pool + " agents created in " + ms(System.nanoTime() - t) + " ms (reused by every configuration)");

        // one short run first so that the JIT has compiled the request path before anything is reported
        log("warm-up (not reported)");
        measure(1, 2, agents, false, Math.max(3, seconds / 3));
        measure(1, 2, agents, true, Math.max(3, seconds / 3));

        Set<List<Integer>> configurations = new LinkedHashSet<>();
        battleCounts.forEach(b -> configurations.add(List.of(b, 2)));
        agentCounts.forEach(a -> configurations.add(List.of(1, a)));
        for (List<Integer> c : configurations) {
            check(c.get(1) >= 2 && c.get(1) <= MAX_AGENTS, "a battle holds 2 to 50 agents: " + c);
            for (boolean batch : List.of(false, true)) {
                Result r = measure(c.get(0), c.get(1), agents, batch, seconds);
                // the engine rate right after each mode, under the same load of the shared machine as the mode itself
                double engine = engineAgentStepsPerSecond(1);
                table.add(r.row().replace("{ratio}", String.format(Locale.ROOT, "%,.0f / %,.0f×", engine,
                        engine / r.agentSteps())));
                evidence.add(r.evidence());
            }
        }
        double engine = engineAgentStepsPerSecond(2);
        log("");
        log(String.format(Locale.ROOT, "raw sandbox-engine agent-steps in this JVM: %,.0f per second (fillsOn + equity"
                + " per agent per candle, board update per step, 2 pairs); load average at the end %s", engine, loadAverage()));
        log("");
        log("| battles × agents | mode | steps/s (all battles) | agent-steps/s | engine agent-steps/s (1 s after the mode)"
                + " / ÷ agent-steps/s | /step or step/batch p50 / p99 ms | order p50 / p99 ms | process CPU | load avg |");
        log("|---|---|---|---|---|---|---|---|---|");
        table.forEach(HistoricalScalingLoadDriver::log);
        log("");
        evidence.forEach(HistoricalScalingLoadDriver::log);
    }

    /** B battles of A agents each, one driver thread per battle, for {@code secs} of wall time. */
    private Result measure(int battles, int agentsPerBattle, List<String> pool, boolean batch, int secs) throws Exception {
        List<String> ids = new ArrayList<>();
        List<List<String>> rosters = new ArrayList<>();
        for (int b = 0; b < battles; b++) {
            List<String> roster = new ArrayList<>();
            for (int a = 0; a < agentsPerBattle; a++) {
                roster.add(pool.get((b * agentsPerBattle + a) % pool.size()));
            }
            ids.add(newBattle(roster));
            rosters.add(roster);
        }
        String load = loadAverage();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        long deadline = wall0 + Duration.ofSeconds(secs).toNanos();
        ExecutorService drivers = Executors.newFixedThreadPool(battles);
        List<Future<Lane>> lanes = new ArrayList<>();
        Lane all;
        String requests;
        String processors;
        double busy;
        try (ThreadSampler sampler = ThreadSampler.start()) {
            for (int b = 0; b < battles; b++) {
                String battle = ids.get(b);
                List<String> roster = rosters.get(b);
                lanes.add(drivers.submit(() -> drive(battle, roster, batch, deadline)));
            }
            all = new Lane();
            for (Future<Lane> lane : lanes) {
                all.add(lane.get());
            }
            requests = sampler.requests();
            processors = sampler.processors();
            busy = sampler.busyRequestThreads();
        } finally {
            drivers.shutdownNow();
        }
        long wall = System.nanoTime() - wall0;
        double cpu = (processCpuNanos() - cpu0) / (double) wall / Runtime.getRuntime().availableProcessors();
        long c = System.nanoTime();
        app.getBean(ReadModelBarrier.class).awaitProjections(Duration.ofMinutes(5));
        long catchUp = System.nanoTime() - c;
        for (String battle : ids) {
            call("POST", "/battles/" + battle + "/stop", null, 200);
        }
        Result result = new Result(battles, agentsPerBattle, batch, all, wall, cpu, load, catchUp, requests, processors, busy);
        log(result.row().replace("{ratio}", "(engine next)"));
        return result;
    }

    private Lane drive(String battle, List<String> roster, boolean batch, long deadline) {
        Lane lane = new Lane();
        int i = 0;
        while (System.nanoTime() < deadline) {
            long t = System.nanoTime();
            JsonNode stepped = batch ? call("POST", "/battles/" + battle + "/step/batch", Map.of("steps", BATCH), 200)
                    : call("POST", "/battles/" + battle + "/step", null, 200);
            lane.steps.add(System.nanoTime() - t);
            long reached = stepped.get("step").asLong();
            lane.stepCount = reached;
            if (stepped.get("is_complete").asBoolean()) {
                break;
            }
            String side = i++ % 2 == 0 ? "buy" : "sell";
            for (String agent : roster) {
                long o = System.nanoTime();
                call("POST", "/battles/" + battle + "/trade/order", Map.of("agent_id", agent, "symbol", "BTCUSDT",
                        "side", side, "type", "market", "quantity", "0.001"), 201);
                lane.orders.add(System.nanoTime() - o);
            }
        }
        lane.agentSteps = lane.stepCount * roster.size();
        return lane;
    }

    /** Latencies and step counts of one driver thread (or of all, added up). */
    private static final class Lane {
        final List<Long> steps = new ArrayList<>();
        final List<Long> orders = new ArrayList<>();
        long stepCount;
        long agentSteps;

        void add(Lane other) {
            steps.addAll(other.steps);
            orders.addAll(other.orders);
            stepCount += other.stepCount;
            agentSteps += other.agentSteps;
        }
    }

    private record Result(int battles, int agents, boolean batch, Lane lane, long wall, double cpu, String load,
                          long catchUp, String requests, String processors, double busy) {

        double agentSteps() {
            return lane.agentSteps / (wall / 1e9);
        }

        String row() {
            return String.format(Locale.ROOT, "| %d × %d | %s | %,.1f | %,.0f | {ratio} | %s | %s | %.0f%% | %s |",
                    battles, agents, batch ? "step/batch 100" : "/step", lane.stepCount / (wall / 1e9), agentSteps(),
                    p50p99(lane.steps), p50p99(lane.orders), cpu * 100, load);
        }

        String evidence() {
            return String.format(Locale.ROOT, "%d × %d %s: %d requests in %.1f s; busy request threads %.1f on average;"
                            + " request threads: %s; processor threads: %s; projections caught up %.0f ms after the last request",
                    battles, agents, batch ? "batch" : "step", lane.steps.size() + lane.orders.size(), wall / 1e9, busy,
                    requests, processors, catchUp / 1e6);
        }
    }

    private static String p50p99(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "–";
        }
        long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
        return String.format(Locale.ROOT, "%.1f / %.1f", Latencies.percentile(all, 0.5) / 1e6, Latencies.percentile(all, 0.99) / 1e6);
    }

    /**
     * The engine's own work per agent-step, with nothing of Axon, PostgreSQL or HTTP: each of 10
     * wallets checks its (empty) book against the step's candle of each pair and is valued, the
     * board is updated once per step. Synthetic candles on a walk; {@code seconds} after a 0.5 s warm-up.
     */
    private static double engineAgentStepsPerSecond(int seconds) {
        TradingRules rules = new TradingRules(List.of("BTCUSDT", "ETHUSDT"), FeeSchedule.defaults(), RiskConfig.defaults());
        List<Sandbox> wallets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            wallets.add(new Sandbox(new BigDecimal("10000")));
        }
        PriceBoard board = new PriceBoard();
        Instant time = Instant.parse(START);
        BigDecimal sink = BigDecimal.ZERO;
        long agentSteps = 0;
        long warm = System.nanoTime() + 500_000_000L;
        long start = 0;
        for (int step = 0; ; step++) {
            if (start == 0 && System.nanoTime() > warm) {
                start = System.nanoTime();
                agentSteps = 0;
            }
            if (start != 0 && System.nanoTime() - start > seconds * 1_000_000_000L) {
                break;
            }
            time = time.plusSeconds(60);
            Candle btc = candle("BTCUSDT", time, 28_000 + step % 500);
            Candle eth = candle("ETHUSDT", time, 1_800 + step % 50);
            board.update(btc);
            board.update(eth);
            for (Sandbox wallet : wallets) {
                wallet.fillsOn(btc, rules);
                wallet.fillsOn(eth, rules);
                sink = sink.add(wallet.equity(board));
                agentSteps++;
            }
        }
        check(sink.signum() > 0, "valuations ran");
        return agentSteps / ((System.nanoTime() - start) / 1e9);
    }

    private static Candle candle(String symbol, Instant time, long price) {
        BigDecimal p = BigDecimal.valueOf(price);
        return new Candle(symbol, CandleInterval.ONE_MINUTE, time, p, p.add(BigDecimal.TEN), p.subtract(BigDecimal.TEN), p,
                BigDecimal.valueOf(100), null, -1);
    }

    // ---------------------------------------------------------------- plumbing

    private String newBattle(List<String> roster) {
        JsonNode battle = call("POST", "/battles", Map.of("name", "Scaling " + ++created, "battle_mode", "historical",
                "backtest_config", Map.of("start_time", START, "end_time", END, "candle_interval", "1m",
                        "pairs", List.of("BTCUSDT", "ETHUSDT"))), 201);
        String id = battle.get("battle_id").asText();
        for (String agent : roster) {
            call("POST", "/battles/" + id + "/participants", Map.of("agent_id", agent), 201);
        }
        call("POST", "/battles/" + id + "/start", null, 200);
        return id;
    }

    private void start() {
        String dbUrl = System.getenv("BATTLES_DB_URL");
        long t = System.nanoTime();
        app = new SpringApplicationBuilder(BattlesApplication.class).run("--server.port=0", "--battles.data-dir=" + dataDir,
                "--battles.market.feed=none", "--battles.admin-key=" + ADMIN_KEY, "--logging.level.root=WARN",
                "--battles.db.url=" + (dbUrl == null ? "" : dbUrl));
        base = "http://localhost:" + port() + "/api/v1";
        log("application started in " + ms(System.nanoTime() - t) + " ms on port " + port());
    }

    private int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (jwt != null) {
                request.header("Authorization", "Bearer " + jwt);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            check(response.statusCode() == expected, method + " " + path + " answered " + response.statusCode() + " "
                    + response.body());
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / 1e6);
    }

    private static void log(String message) {
        System.out.println(message.startsWith("|") || message.isEmpty() ? message : "[bench " + Instant.now() + "] " + message);
    }
}
