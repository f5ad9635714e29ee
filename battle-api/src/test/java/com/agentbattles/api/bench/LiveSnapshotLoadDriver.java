package com.agentbattles.api.bench;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.Random;
import java.util.UUID;

/**
 * Load driver (not a test) for the live target "snapshot + ranking for 100 agents < 250 ms per
 * 5 s tick" (docs/benchmarks.md). It starts the real application on a fresh embedded PostgreSQL
 * (or BATTLES_DB_URL) with the live clock off; then, for each size of {@code bench.live.agents}
 * (default 100; e.g. {@code 10,100,1000}), it creates that many new agents in live battles of at
 * most 50 (a battle's maximum: 100 agents = two battles of 50, 1,000 = twenty), gives every agent a
 * position in BTC and ETH and a resting order, and plays {@code bench.ticks} clock ticks itself.
 * One tick is what the live clock does every 5 s, timed end to end: a {@code CaptureLiveSnapshot}
 * for each battle (valuation of its wallets, the event appended durably), then the projections
 * catching up (snapshot rows, standings), then {@code GET /battles/{id}/live} of each battle (the
 * ranking a client reads). Prices move by a seeded random walk. Run with {@code bench/live-snapshot.sh}.
 *
 * <p>With {@code -Dbench.liveAt=100,5000} (one size) it plays up to the largest of those snapshot
 * counts and, at each, times {@value #LIVE_READS} more {@code GET /live} of one battle of 50 on
 * their own (the battles are marathons, which last, and the ticks in between skip their reads),
 * beside the same standings folded from every snapshot and fill in this JVM (what /live computed on
 * each request before it read the kept trackers): whether the read still grows with the battle's length.
 */
public final class LiveSnapshotLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENTS_PER_BATTLE = 50;
    private static final BigDecimal VOLUME = new BigDecimal("5000000000");
    private static final int LIVE_READS = 30;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigurableApplicationContext app;
    private String base;
    private String jwt;
    private String accountId;

    public static void main(String[] args) throws Exception {
        List<Integer> liveAt = Arrays.stream(System.getProperty("bench.liveAt", "").split(","))
                .filter(v -> !v.isBlank()).map(v -> Integer.valueOf(v.trim())).sorted().toList();
        int ticks = liveAt.isEmpty() ? Integer.getInteger("bench.ticks", 60) : liveAt.get(liveAt.size() - 1);
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.live.agents", "100").split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).map(Integer::valueOf).toList();
        LiveSnapshotLoadDriver driver = new LiveSnapshotLoadDriver();
        int status = 0;
        try {
            driver.run(ticks, sizes, liveAt);
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

    private void run(int ticks, List<Integer> sizes, List<Integer> liveAt) throws Exception {
        Path dataDir = Files.createTempDirectory("battles-live-bench-");
        app = new SpringApplicationBuilder(BattlesApplication.class).run("--server.port=0",
                "--battles.data-dir=" + dataDir, "--battles.market.feed=none", "--battles.live.clock-enabled=false",
                "--logging.level.root=WARN");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/api/v1";
        String dbUrl = System.getenv("BATTLES_DB_URL");
        log("database " + (dbUrl == null || dbUrl.isBlank() ? "embedded" : dbUrl) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, java " + Runtime.version());

        JsonNode registered = call("POST", "/auth/register", Map.of("display_name", "Live bench"), 201);
        accountId = registered.get("account_id").asText();
        jwt = call("POST", "/auth/login", Map.of("api_key", registered.get("api_key").asText(),
                "api_secret", registered.get("api_secret").asText()), 200).get("token").asText();
        List<String> summary = new ArrayList<>();
        for (int size : sizes) {
            summary.add(size(size, ticks, liveAt));
        }
        if (sizes.size() > 1) {
            log("");
            log("| agents (battles × agents) | recorded p50 / p99 ms | projected p50 / p99 ms | ranked p50 / p99 ms"
                    + " | engine time of the tick's valuations | ranked p99 ÷ engine time | process CPU | load avg |");
            log("|---|---|---|---|---|---|---|---|");
            summary.forEach(LiveSnapshotLoadDriver::log);
        }
    }

    /**
     * Sets up {@code size} new agents in live battles of at most 50 (a battle's maximum) and plays
     * {@code ticks} ticks over them; answers the summary row of this size.
     */
    private String size(int size, int ticks, List<Integer> liveAt) throws Exception {
        int battleCount = (size + AGENTS_PER_BATTLE - 1) / AGENTS_PER_BATTLE;
        check(size >= 2 * battleCount, "a live battle needs at least 2 agents: " + size);
        List<List<String>> rosters = new ArrayList<>();
        List<String> battles = new ArrayList<>();
        long setup = System.nanoTime();
        for (int b = 0; b < battleCount; b++) {
            int agents = size / battleCount + (b < size % battleCount ? 1 : 0);
            // a quick sprint ends after 720 snapshots; a long count needs a battle that lasts
            String preset = liveAt.isEmpty() ? "quick_1h" : "marathon";
            String battle = call("POST", "/battles", Map.of("name", "Live bench " + size + "-" + b, "preset", preset), 201)
                    .get("battle_id").asText();
            List<String> roster = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                String agent = call("POST", "/agents", Map.of("name", "Bench " + size + "-" + b + "-" + a), 201).get("agent_id").asText();
                call("POST", "/battles/" + battle + "/participants", Map.of("agent_id", agent), 201);
                roster.add(agent);
            }
            call("POST", "/battles/" + battle + "/start", null, 200);
            battles.add(battle);
            rosters.add(roster);
        }
        CommandGateway commands = app.getBean(CommandGateway.class);
        ReadModelBarrier barrier = app.getBean(ReadModelBarrier.class);
        Random random = new Random(42);
        BigDecimal btc = new BigDecimal("60000");
        BigDecimal eth = new BigDecimal("3000");
        Instant clock = Instant.now();
        List<Quote> quotes = quotes(btc, eth, clock);
        for (int b = 0; b < battleCount; b++) {
            for (String agent : rosters.get(b)) {
                place(commands, battles.get(b), agent, "BTCUSDT", OrderType.MARKET, "0.02", null, quotes);
                place(commands, battles.get(b), agent, "ETHUSDT", OrderType.MARKET, "0.3", null, quotes);
                place(commands, battles.get(b), agent, "BTCUSDT", OrderType.LIMIT, "0.01", "30000", quotes);
            }
        }
        barrier.awaitProjections(Duration.ofMinutes(5));
        log(size + " agents in " + battleCount + " live battle(s), each holding BTC and ETH and a resting order (set up in "
                + (System.nanoTime() - setup) / 1_000_000_000 + " s)");

        long[] snapshot = new long[ticks];
        long[] projected = new long[ticks];
        long[] ranked = new long[ticks];
        String load = HistoricalScalingLoadDriver.loadAverage();
        long cpu0 = HistoricalScalingLoadDriver.processCpuNanos();
        long wall0 = System.nanoTime();
        String requests;
        String processors;
        try (ThreadSampler sampler = ThreadSampler.start()) {
            for (int t = 0; t < ticks; t++) {
                clock = clock.plusSeconds(5);
                btc = walk(btc, random);
                eth = walk(eth, random);
                quotes = quotes(btc, eth, clock);
                long start = System.nanoTime();
                for (String battle : battles) {
                    commands.sendAndWait(new CaptureLiveSnapshot(battle, quotes, clock));
                }
                long captured = System.nanoTime();
                if (Boolean.getBoolean("bench.trace") && t >= 10 && t < 13) {
                    trace(barrier.headPosition(), captured);
                }
                barrier.awaitProjections();
                long caughtUp = System.nanoTime();
                for (int b = 0; b < battleCount && (liveAt.isEmpty() || liveAt.contains(t + 1)); b++) {
                    JsonNode live = call("GET", "/battles/" + battles.get(b) + "/live", null, 200);
                    check(live.get("rankings").size() == rosters.get(b).size(), "a ranking of every agent: " + live);
                }
                long done = System.nanoTime();
                snapshot[t] = captured - start;
                projected[t] = caughtUp - start;
                ranked[t] = done - start;
                if (liveAt.contains(t + 1)) {
                    liveLatency(t + 1, battles.get(0), rosters.get(0));
                } else if (!liveAt.isEmpty() && (t + 1) % 500 == 0) {
                    log((t + 1) + " snapshots");
                }
            }
            requests = sampler.requests();
            processors = sampler.processors();
        }
        double cpu = (HistoricalScalingLoadDriver.processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0)
                / Runtime.getRuntime().availableProcessors();
        double engineRate = engineValuationsPerSecond(quotes);
        log("");
        log("ticks: " + ticks + " (" + size + " agents in " + battleCount + " battle(s) each; the first 5 are warm-up and left out)");
        report("snapshot recorded (" + battleCount + " × CaptureLiveSnapshot, durable)", snapshot);
        report("… and projected (snapshot rows, standings)", projected);
        report(liveAt.isEmpty() ? "… and ranked (" + battleCount + " × GET /live)"
                : "… and ranked (GET /live only at the counts above)", ranked);
        double p99 = Latencies.percentile(Arrays.copyOfRange(ranked, Math.min(5, ticks - 1), ticks), 0.99);
        double engineMs = size / engineRate * 1000;
        log(String.format(Locale.ROOT, "raw sandbox-engine valuations in this JVM: %,.0f per second; a tick's %d valuations"
                        + " take %.3f ms there, the whole tick (p99) %.1f ms: %,.0f× the raw engine",
                engineRate, size, engineMs, p99 / 1e6, (p99 / 1e6) / engineMs));
        log("request threads: " + requests + "; processor threads: " + processors);
        log(p99 < 250_000_000L ? "target met: p99 < 250 ms per tick" : "TARGET MISSED: p99 >= 250 ms per tick");
        return String.format(Locale.ROOT, "| %d (%d × %d) | %s | %s | %s | %.3f ms | %,.0f× | %.0f%% | %s |", size, battleCount,
                rosters.get(0).size(), p50p99(snapshot), p50p99(projected), p50p99(ranked), engineMs, (p99 / 1e6) / engineMs,
                cpu * 100, load);
    }

    private static String p50p99(long[] nanos) {
        long[] measured = Arrays.copyOfRange(nanos, Math.min(5, nanos.length - 1), nanos.length);
        return String.format(Locale.ROOT, "%.1f / %.1f", Latencies.percentile(measured, 0.5) / 1e6,
                Latencies.percentile(measured, 0.99) / 1e6);
    }

    /** GET /live of one battle on its own, and the fold of all its snapshots it replaced, at {@code snapshots}. */
    private void liveLatency(int snapshots, String battle, List<String> roster) throws Exception {
        var trading = app.getBean(com.agentbattles.query.battle.BattleTradingReadModel.class);
        long[] reads = new long[LIVE_READS + 5];
        long[] folds = new long[LIVE_READS + 5];
        for (int i = 0; i < reads.length; i++) {
            long start = System.nanoTime();
            call("GET", "/battles/" + battle + "/live", null, 200);
            reads[i] = System.nanoTime() - start;
            start = System.nanoTime();
            trading.foldedStandings(battle, com.agentbattles.domain.battle.RankingMetric.ROI_PCT, false,
                    Duration.ofSeconds(5), roster, new BigDecimal("10000"), Long.MAX_VALUE, Long.MAX_VALUE).ranked();
            folds[i] = System.nanoTime() - start;
        }
        report("GET /live, 50 participants, " + snapshots + " snapshots", reads);
        report("  the fold it replaced (in-process), " + snapshots + " snapshots", folds);
    }

    /** 100 wallets with a position each, valued again and again at moving prices, as the aggregate does. */
    private static double engineValuationsPerSecond(List<Quote> quotes) {
        List<Sandbox> wallets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Sandbox sandbox = new Sandbox(new BigDecimal("10000"));
            wallets.add(sandbox);
        }
        PriceBoard board = new PriceBoard();
        quotes.forEach(board::update);
        long valuations = 0;
        BigDecimal sink = BigDecimal.ZERO;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000_000L) {
            for (Sandbox wallet : wallets) {
                sink = sink.add(wallet.equity(board));
                valuations++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(sink.signum() > 0, "valuations ran");
        return valuations / seconds;
    }

    /** Which processor reaches the head when: to find where a tick's time goes. */
    private void trace(long head, long from) {
        var processing = app.getBean(org.axonframework.config.EventProcessingConfiguration.class);
        Map<String, Long> reached = new java.util.TreeMap<>();
        while (reached.size() < processing.eventProcessors().size()) {
            processing.eventProcessors().forEach((name, processor) -> {
                if (!reached.containsKey(name) && processor instanceof org.axonframework.eventhandling.StreamingEventProcessor s
                        && s.processingStatus().values().stream().allMatch(st -> st.getCurrentPosition().orElse(-1) >= head)) {
                    reached.put(name, (System.nanoTime() - from) / 1_000_000);
                } else if (!(processor instanceof org.axonframework.eventhandling.StreamingEventProcessor)) {
                    reached.put(name, -1L);
                }
            });
            if (System.nanoTime() - from > 5_000_000_000L) {
                break;
            }
        }
        log("trace (ms after the snapshot commands): " + reached);
    }

    private void place(CommandGateway commands, String battle, String agent, String symbol, OrderType type,
                       String quantity, String price, List<Quote> quotes) throws InterruptedException {
        OrderRequest request = new OrderRequest(UUID.randomUUID().toString(), symbol, OrderSide.BUY, type,
                new BigDecimal(quantity), price == null ? null : new BigDecimal(price), null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                OrderOutcome outcome = commands.sendAndWait(new PlaceBattleOrder(battle, accountId, agent, request,
                        quotes, Instant.now()));
                check(!outcome.rejected(), "order refused: " + outcome);
                return;
            } catch (DomainException e) {
                // the custody saga provisions the wallets just after the start
                if (e.code() != ErrorCode.WALLET_NOT_READY || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static List<Quote> quotes(BigDecimal btc, BigDecimal eth, Instant at) {
        return List.of(new Quote("BTCUSDT", btc, VOLUME, at), new Quote("ETHUSDT", eth, VOLUME, at));
    }

    /** ±0.2 % per tick, seeded: the same run every time. */
    private static BigDecimal walk(BigDecimal price, Random random) {
        double move = 1 + (random.nextDouble() - 0.5) * 0.004;
        return price.multiply(BigDecimal.valueOf(move)).setScale(2, RoundingMode.HALF_EVEN);
    }

    private JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
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
    }

    private static void report(String what, long[] nanos) {
        long[] measured = Arrays.copyOfRange(nanos, Math.min(5, nanos.length - 1), nanos.length);
        log(String.format("%-55s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms", what, Latencies.percentile(measured, 0.5) / 1e6,
                Latencies.percentile(measured, 0.99) / 1e6, Arrays.stream(measured).max().orElse(0) / 1e6));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void log(String line) {
        System.out.println(line);
    }
}
