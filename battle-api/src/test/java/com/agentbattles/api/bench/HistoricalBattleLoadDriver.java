package com.agentbattles.api.bench;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load driver (not a test) for historical battles through Axon and PostgreSQL: it starts the real
 * application in this JVM, uploads 30 days of 1m spot candles for BTCUSDT and ETHUSDT and plays
 * <ul>
 *   <li>A: a 43,200-step battle stepped to completion in {@code step/batch} of 100, each of the two
 *       agents placing a market order every 1,000 steps;</li>
 *   <li>B: a second battle stepped one {@code /step} at a time with one market order per agent per step;</li>
 *   <li>C: cold loads of the completed 43,200-step aggregate(s): the app is restarted on the same data
 *       so the aggregate cache is empty, and the first command on each completed battle is timed
 *       ({@code bench.c.probe=true} adds one restart that logs where that first command's time goes).</li>
 * </ul>
 * Run with {@code bench/historical-battle.sh}. System properties: {@code bench.data} (the shared data
 * folder), {@code bench.a.battles} (completed 43,200-step battles, default 1), {@code bench.b.steps}
 * (default 3000), {@code bench.c.restarts} (default 3). {@code BATTLES_DB_URL} (with
 * {@code BATTLES_DB_USER}/{@code BATTLES_DB_PASSWORD}) runs it on an external PostgreSQL.
 */
public final class HistoricalBattleLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "bench-admin-key";
    private static final String START = "2023-03-25T00:00:00Z";
    private static final String END = "2023-04-24T00:00:00Z";
    private static final long TOTAL_STEPS = Duration.between(Instant.parse(START), Instant.parse(END)).toMinutes();
    private static final int BATCH = 100;
    private static final int ORDER_EVERY = 1000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;
    private final Path sharedData;
    private final List<String[]> table = new ArrayList<>();
    private ConfigurableApplicationContext app;
    private String base;
    private String jwt;

    private HistoricalBattleLoadDriver(Path dataDir, Path sharedData) {
        this.dataDir = dataDir;
        this.sharedData = sharedData;
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("bench.data", "/work/shared/data"));
        Path dataDir = Files.createTempDirectory("battles-bench-");
        int aBattles = Integer.getInteger("bench.a.battles", 1);
        int bSteps = Integer.getInteger("bench.b.steps", 3000);
        int restarts = Integer.getInteger("bench.c.restarts", 3);
        HistoricalBattleLoadDriver driver = new HistoricalBattleLoadDriver(dataDir, shared);
        int status = 0;
        try {
            driver.run(aBattles, bSteps, restarts);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        } finally {
            driver.stop();
        }
        System.exit(status);
    }

    private void run(int aBattles, int bSteps, int restarts) throws Exception {
        String dbUrl = System.getenv("BATTLES_DB_URL");
        log("data dir " + dataDir + ", database " + (dbUrl == null || dbUrl.isBlank() ? "embedded" : dbUrl)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, java " + Runtime.version());
        start();
        long t0 = System.nanoTime();
        var upload = new ApiClient(port()).withHeader("X-Admin-Key", ADMIN_KEY).upload("/admin/candles/import", "file",
                List.of(sharedData.resolve("binance-spot-freqtrade/BTCUSDT-1m-2023-03-16_2023-05-01.json.gz"),
                        sharedData.resolve("binance-spot-freqtrade/ETHUSDT-1m-2023-03-16_2023-05-01.json.gz")));
        check(upload.status() == 200, "upload answered " + upload);
        log("candles imported in " + ms(System.nanoTime() - t0) + " ms");

        JsonNode registered = call("POST", "/auth/register", Map.of("display_name", "Bench owner"), 201);
        jwt = call("POST", "/auth/login", Map.of("api_key", registered.get("api_key").asText(),
                "api_secret", registered.get("api_secret").asText()), 200).get("token").asText();
        String first = call("POST", "/agents", Map.of("name", "Bench A"), 201).get("agent_id").asText();
        String second = call("POST", "/agents", Map.of("name", "Bench B"), 201).get("agent_id").asText();
        List<String> agents = List.of(first, second);

        List<String> completed = new ArrayList<>();
        for (int i = 0; i < aBattles; i++) {
            completed.add(scenarioA(agents, i + 1));
        }
        scenarioB(agents, bSteps);
        scenarioC(completed, restarts);
        engineRatios();
        print();
    }

    // ---------------------------------------------------------------- raw engine

    private double stepRate = Double.NaN;
    private double coldP99 = -1;

    /**
     * The ratio docs/benchmarks.md asks for: the raw sandbox engine in this JVM values the two agents'
     * wallets at moving prices, which is the arithmetic of a step without Axon, JSON or PostgreSQL.
     * A's rate is set against steps of that arithmetic; C's first load against replaying the whole
     * battle's valuations in memory (what a load would cost with no snapshot and no I/O).
     */
    private void engineRatios() {
        double engineSteps = engineStepsPerSecond();
        log(String.format(Locale.ROOT, "raw sandbox engine: %,.0f steps/s (2 wallets valued at 2 prices per step)", engineSteps));
        row("raw sandbox engine, same JVM", "steps/s (2 valuations each)", fmt(engineSteps), "-", null);
        if (!Double.isNaN(stepRate)) {
            row("A / raw engine", "x slower", String.format(Locale.ROOT, "%,.0f", engineSteps / stepRate), "-", null);
        }
        if (coldP99 >= 0) {
            double replay = TOTAL_STEPS / engineSteps * 1e9;
            row("C first load p99 / raw engine replaying " + TOTAL_STEPS + " steps", "ratio",
                    String.format(Locale.ROOT, "%.2f", coldP99 / replay), "-", null);
        }
    }

    private static double engineStepsPerSecond() {
        List<Sandbox> wallets = List.of(new Sandbox(new BigDecimal("10000")), new Sandbox(new BigDecimal("10000")));
        PriceBoard board = new PriceBoard();
        Instant time = Instant.parse(START);
        BigDecimal btc = new BigDecimal("27000.00");
        BigDecimal eth = new BigDecimal("1750.00");
        BigDecimal sink = BigDecimal.ZERO;
        long steps = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000_000L) {
            time = time.plusSeconds(60);
            board.update(new Quote("BTCUSDT", btc.add(BigDecimal.valueOf(steps % 100)), BigDecimal.ONE, time));
            board.update(new Quote("ETHUSDT", eth.add(BigDecimal.valueOf(steps % 10)), BigDecimal.ONE, time));
            for (Sandbox wallet : wallets) {
                sink = sink.add(wallet.equity(board));
            }
            steps++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(sink.signum() > 0, "valuations ran");
        return steps / seconds;
    }

    // ---------------------------------------------------------------- A

    private String scenarioA(List<String> agents, int run) {
        String battle = newBattle("Bench A" + run, agents);
        long[] batches = new long[(int) ((TOTAL_STEPS + BATCH - 1) / BATCH)];
        List<Long> orders = new ArrayList<>();
        int n = 0;
        long step = 0;
        long stepping = 0;
        long wallStart = System.nanoTime();
        JsonNode last = null;
        while (step < TOTAL_STEPS) {
            long t = System.nanoTime();
            last = call("POST", "/battles/" + battle + "/step/batch", Map.of("steps", BATCH), 200);
            long took = System.nanoTime() - t;
            batches[n++] = took;
            stepping += took;
            long reached = last.get("step").asLong();
            check(reached > step, "step did not advance: " + last);
            if (reached / ORDER_EVERY != step / ORDER_EVERY && reached < TOTAL_STEPS) {
                String side = (reached / ORDER_EVERY) % 2 == 1 ? "buy" : "sell";
                for (String agent : agents) {
                    long o = System.nanoTime();
                    call("POST", "/battles/" + battle + "/trade/order", order(agent, side), 201);
                    orders.add(System.nanoTime() - o);
                }
            }
            step = reached;
        }
        long wall = System.nanoTime() - wallStart;
        check(last.get("is_complete").asBoolean(), "battle A did not complete: " + last);
        log("A" + run + " stepped: " + fmt(TOTAL_STEPS / (stepping / 1e9)) + " steps/s, batch " + Latencies.p50p99Max(Arrays.copyOf(batches, n)));
        // the results read model answers once the projections have caught up (its barrier gives up after 10 s: retry)
        long c = System.nanoTime();
        HttpResponse<String> answer = exchange("GET", "/battles/" + battle + "/results", null);
        while (answer.statusCode() != 200 && System.nanoTime() - c < Duration.ofMinutes(10).toNanos()) {
            answer = exchange("GET", "/battles/" + battle + "/results", null);
        }
        long catchUp = System.nanoTime() - c;
        check(answer.statusCode() == 200, "results never answered: " + answer.body());
        JsonNode results = parse(answer.body());
        check("completed".equals(results.get("status").asText()), "results: " + results);
        long[] batchLat = Arrays.copyOf(batches, n);
        double rate = TOTAL_STEPS / (stepping / 1e9);
        stepRate = rate;
        row("A" + run + ": step/batch of 100, " + TOTAL_STEPS + " steps, 2 agents, 2 pairs", "steps/s (stepping wall time)",
                fmt(rate), ">= 2,000", rate >= 2000);
        row("A" + run + ": step/batch latency", "p50 / p99 / max ms", Latencies.p50p99Max(batchLat), "-", null);
        row("A" + run + ": whole run incl. " + orders.size() + " orders", "steps/s", fmt(TOTAL_STEPS / (wall / 1e9)), "-", null);
        row("A" + run + ": GET results right after the last step (projections catching up, barrier retried)", "ms", ms(catchUp), "-", null);
        log("A" + run + " done: " + fmt(rate) + " steps/s, batch " + Latencies.p50p99Max(batchLat));
        return battle;
    }

    // ---------------------------------------------------------------- B

    private void scenarioB(List<String> agents, int steps) {
        String battle = newBattle("Bench B", agents);
        long[] stepLat = new long[steps];
        long[] orderLat = new long[steps * agents.size()];
        int o = 0;
        long wallStart = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            call("POST", "/battles/" + battle + "/step", null, 200);
            stepLat[i] = System.nanoTime() - t;
            String side = i % 2 == 0 ? "buy" : "sell";
            for (String agent : agents) {
                long s = System.nanoTime();
                call("POST", "/battles/" + battle + "/trade/order", order(agent, side), 201);
                orderLat[o++] = System.nanoTime() - s;
            }
        }
        long wall = System.nanoTime() - wallStart;
        double rate = steps / (wall / 1e9);
        row("B: /step + 1 order per agent per step, " + steps + " steps", "steps/s", fmt(rate), ">= 300", rate >= 300);
        row("B: order placement (durable append)", "p50 / p99 / max ms", Latencies.p50p99Max(orderLat), "p99 < 20", Latencies.percentile(orderLat, 0.99) < 20e6);
        row("B: single /step", "p50 / p99 / max ms", Latencies.p50p99Max(stepLat), "-", null);
        call("POST", "/battles/" + battle + "/stop", null, 200);
        log("B done: " + fmt(rate) + " steps/s, orders " + Latencies.p50p99Max(orderLat));
    }

    // ---------------------------------------------------------------- C

    private void scenarioC(List<String> completed, int restarts) {
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        for (int r = 0; r < restarts; r++) {
            stop();
            start();
            for (String battle : completed) {
                long t = System.nanoTime();
                expect409(battle);
                cold.add(System.nanoTime() - t);
                for (int i = 0; i < 20; i++) {
                    long w = System.nanoTime();
                    expect409(battle);
                    warm.add(System.nanoTime() - w);
                }
            }
        }
        if (Boolean.getBoolean("bench.c.probe")) {
            probeColdLoad(completed.get(0));
        }
        long[] c = cold.stream().mapToLong(Long::longValue).toArray();
        long[] w = warm.stream().mapToLong(Long::longValue).toArray();
        coldP99 = c.length == 0 ? -1 : Latencies.percentile(c, 0.99);
        row("C: first command on a completed " + TOTAL_STEPS + "-step battle after a restart (" + c.length
                + " samples, HTTP included)", "p50 / p99 / max ms", Latencies.p50p99Max(c), "p99 < 5", Latencies.percentile(c, 0.99) < 5e6);
        row("C: same command repeated (" + w.length + " samples; on a single node a refusal that applied nothing keeps"
                + " the aggregate cached)", "p50 / p99 / max ms", Latencies.p50p99Max(w), "-", null);
        log("C done: cold " + Latencies.p50p99Max(c) + ", warm " + Latencies.p50p99Max(w));
    }

    /**
     * Where a first command's time goes ({@code -Dbench.c.probe=true}): one more restart, then the
     * event store's read of the aggregate alone (snapshot and tail, deserialized), then an HTTP
     * request that loads no aggregate, then the refused command. Logged, not tabled.
     */
    private void probeColdLoad(String battle) {
        stop();
        start();
        var store = app.getBean(org.axonframework.eventsourcing.eventstore.EventStore.class);
        long t = System.nanoTime();
        List<? extends org.axonframework.eventhandling.DomainEventMessage<?>> stream = store.readEvents(battle).asStream().toList();
        long read = System.nanoTime() - t;
        String first = stream.isEmpty() ? "none" : stream.get(0).getPayloadType().getSimpleName() + " at " + stream.get(0).getSequenceNumber();
        t = System.nanoTime();
        stream.forEach(org.axonframework.messaging.Message::getPayload);
        long deserialize = System.nanoTime() - t;
        t = System.nanoTime();
        HttpResponse<String> other = exchange("GET", "/agents", null);
        long http = System.nanoTime() - t;
        t = System.nanoTime();
        exchange("GET", "/agents", null);
        long httpAgain = System.nanoTime() - t;
        t = System.nanoTime();
        expect409(battle);
        long command = System.nanoTime() - t;
        t = System.nanoTime();
        expect409(battle);
        long again = System.nanoTime() - t;
        log("C probe: event store read " + ms(read) + " ms (" + stream.size() + " messages, first " + first + "), payloads deserialized "
                + ms(deserialize) + " ms; first HTTP request " + ms(http) + " ms (" + other.statusCode() + "), again " + ms(httpAgain) + " ms; then the refused command " + ms(command) + " ms, and again " + ms(again) + " ms");
    }

    private void expect409(String battle) {
        HttpResponse<String> response = exchange("POST", "/battles/" + battle + "/step", null);
        check(response.statusCode() == 409, "expected 409 on a completed battle, got " + response.statusCode() + " "
                + response.body());
    }

    // ---------------------------------------------------------------- plumbing

    private String newBattle(String name, List<String> agents) {
        JsonNode created = call("POST", "/battles", Map.of("name", name, "battle_mode", "historical",
                "backtest_config", Map.of("start_time", START, "end_time", END, "candle_interval", "1m",
                        "pairs", List.of("BTCUSDT", "ETHUSDT"))), 201);
        String battle = created.get("battle_id").asText();
        for (String agent : agents) {
            call("POST", "/battles/" + battle + "/participants", Map.of("agent_id", agent), 201);
        }
        call("POST", "/battles/" + battle + "/start", null, 200);
        return battle;
    }

    private static Map<String, Object> order(String agent, String side) {
        return Map.of("agent_id", agent, "symbol", "BTCUSDT", "side", side, "type", "market", "quantity", "0.001");
    }

    private void start() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--battles.data-dir=" + dataDir,
                "--battles.market.feed=none", "--battles.admin-key=" + ADMIN_KEY, "--logging.level.root=WARN"));
        String dbUrl = System.getenv("BATTLES_DB_URL");
        args.add("--battles.db.url=" + (dbUrl == null ? "" : dbUrl));
        long t = System.nanoTime();
        app = new SpringApplicationBuilder(BattlesApplication.class).run(args.toArray(String[]::new));
        base = "http://localhost:" + port() + "/api/v1";
        log("application started in " + ms(System.nanoTime() - t) + " ms on port " + port());
    }

    private void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    private int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        String json;
        try {
            json = body == null ? null : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> response = exchange(method, path, json);
        check(response.statusCode() == expected, method + " " + path + " answered " + response.statusCode() + " "
                + response.body());
        return parse(response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> exchange(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private void row(String what, String unit, String value, String target, Boolean met) {
        table.add(new String[]{what, unit, value, target, met == null ? "" : met ? "met" : "MISSED"});
    }

    private void print() {
        String[] head = {"scenario", "unit", "measured", "target", ""};
        int[] width = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(table);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder("\n");
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                out.append(String.format("%-" + width[i] + "s", r[i])).append(i < r.length - 1 ? " | " : "");
            }
            out.append('\n');
        }
        System.out.println(out);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String fmt(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    private static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }
}
