package com.agentbattles.api.bench;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.live.LiveMarket;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.engine.PriceBoard;
import com.agentbattles.engine.Sandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Load driver (not a test) for the live-trading figures of docs/benchmarks.md: a market order on
 * the agent's own wallet ({@code POST /trade/order}) from one agent, then from 40 agents at once,
 * and how long after an append every projection on the node has the event (the wait that
 * read-your-writes answers pay). It starts the real application on a fresh embedded PostgreSQL
 * (or BATTLES_DB_URL) with the replay feed playing stored 1h candles for live prices and the
 * order rate limit out of the way, and registers one account per agent (each with its default
 * agent's API key). Every latency is a whole HTTP exchange: JSON, API-key authentication, the
 * command, the durable append, and whatever the endpoint waits for. Run with
 * {@code bench/live-orders.sh}.
 */
public final class LiveOrderLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "bench-admin-key";

    private final Path sharedData;
    private ConfigurableApplicationContext app;
    private String base;

    private LiveOrderLoadDriver(Path sharedData) {
        this.sharedData = sharedData;
    }

    public static void main(String[] args) throws Exception {
        LiveOrderLoadDriver driver = new LiveOrderLoadDriver(Path.of(System.getProperty("bench.data", "/work/shared/data")));
        int status = 0;
        try {
            driver.run(Integer.getInteger("bench.orders", 2000), Integer.getInteger("bench.agents", 40),
                    Integer.getInteger("bench.agent.orders", 250), Integer.getInteger("bench.appends", 300));
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

    private void run(int orders, int agents, int ordersPerAgent, int appends) throws Exception {
        Path dataDir = Files.createTempDirectory("battles-orders-bench-");
        String dbUrl = System.getenv("BATTLES_DB_URL");
        app = new SpringApplicationBuilder(BattlesApplication.class).run("--server.port=0",
                "--battles.data-dir=" + dataDir, "--battles.db.url=" + (dbUrl == null ? "" : dbUrl),
                "--battles.admin-key=" + ADMIN_KEY, "--battles.market.feed=replay",
                "--battles.market.replay.symbols=BTCUSDT,ETHUSDT", "--battles.market.replay.interval=1h",
                "--battles.market.replay.speed=3600", "--battles.trading.orders-per-minute=100000000",
                "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        base = "http://localhost:" + port + "/api/v1";
        log("database " + (dbUrl == null || dbUrl.isBlank() ? "embedded" : dbUrl) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, java " + Runtime.version());
        var upload = new ApiClient(port).withHeader("X-Admin-Key", ADMIN_KEY).upload("/admin/candles/import", "file",
                List.of(sharedData.resolve("binance-spot-freqtrade/BTCUSDT-1h-2023-04-01_2023-05-01.json"),
                        sharedData.resolve("binance-spot-freqtrade/ETHUSDT-1h-2023-04-01_2023-05-01.json")));
        check(upload.status() == 200, "upload answered " + upload);
        LiveMarket market = app.getBean(LiveMarket.class);
        long waitForPrices = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (market.offeredQuotes().size() < 2) {
            check(System.nanoTime() < waitForPrices, "no live prices within 60 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        List<Trader> traders = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            traders.add(register("Order bench " + i));
        }
        log(agents + " agents registered, live prices flowing");
        double engineRate = engineValuationsPerSecond();

        Trader single = traders.get(0);
        // The JIT is still compiling a minute into a run (profiled: hundreds of deoptimisations per
        // 10 s after 200 orders), so the warm-up is a time, not a count.
        int warmUpSeconds = Integer.getInteger("bench.warmup.seconds", 60);
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        int warmUpOrders = 0;
        while (System.nanoTime() < warmUntil) {
            single.orders(100);
            warmUpOrders += 100;
        }
        log("warm-up: " + warmUpOrders + " orders from one agent in " + warmUpSeconds + " s (JIT, connections, caches)");
        long[] one = single.orders(orders);
        log(String.format(Locale.ROOT, "one agent, %d market orders on its own wallet, one at a time: p50 / p99 / max %s ms  (target p99 < 10 ms), load average %.2f",
                orders, Latencies.p50p99Max(one), load()));

        traders.forEach(t -> t.orders(5));
        long[][] each = new long[agents][];
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> running = new ArrayList<>();
        for (Trader trader : traders) {
            running.add(pool.submit(() -> {
                go.await();
                return trader.orders(ordersPerAgent);
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        for (int i = 0; i < agents; i++) {
            each[i] = running.get(i).get();
        }
        long wall = System.nanoTime() - started;
        pool.shutdown();
        long[] all = Arrays.stream(each).flatMapToLong(Arrays::stream).toArray();
        double throughput = all.length / (wall / 1e9);
        log(String.format(Locale.ROOT, "%d agents at once, %d orders each: %,.0f orders/s, p50 / p99 / max %s ms  (target >= 1,000 orders/s, p99 < 50 ms), load average %.2f",
                agents, ordersPerAgent, throughput, Latencies.p50p99Max(all), load()));

        long[] projected = appendToEveryProjection(single, appends, market);
        log(String.format(Locale.ROOT, "an event appended -> every projection has it (%d appends, idle between): p50 / p99 / max %s ms  (target p99 < 20 ms), load average %.2f",
                appends, Latencies.p50p99Max(projected), load()));
        log(String.format(Locale.ROOT, "raw sandbox-engine valuations in this JVM: %,.0f per second; one order (p50) costs %,.0f valuations,"
                        + " the 40-agent throughput is 1 / %,.0f of the engine rate", engineRate,
                Latencies.percentile(one, 0.5) / 1e9 * engineRate, engineRate / throughput));
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * From the commit of one wallet order (sent straight through the command gateway, so that no
     * endpoint's own wait hides it) to the moment every streaming processor on the node has
     * processed the log up to it; one append at a time, with the processors idle in between, as an
     * agent trading now and then finds them.
     */
    private long[] appendToEveryProjection(Trader trader, int appends, LiveMarket market) {
        CommandGateway commands = app.getBean(CommandGateway.class);
        ReadModelBarrier barrier = app.getBean(ReadModelBarrier.class);
        long[] nanos = new long[appends];
        for (int i = -20; i < appends; i++) {
            barrier.awaitProjections();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // let every processor go idle
            OrderRequest request = new OrderRequest(UUID.randomUUID().toString(), "BTCUSDT",
                    i % 2 == 0 ? OrderSide.BUY : OrderSide.SELL, OrderType.MARKET, new BigDecimal("0.001"), null, null);
            commands.sendAndWait(new PlaceWalletOrder(trader.agentId, trader.accountId, request, market.offeredQuotes(),
                    Instant.now()));
            long committed = System.nanoTime();
            long head = barrier.headPosition();
            while (!barrier.caughtUp(head)) {
                check(System.nanoTime() - committed < TimeUnit.SECONDS.toNanos(10), "processors still behind " + head
                        + " after 10 s: " + app.getBean(org.axonframework.config.EventProcessingConfiguration.class)
                        .eventProcessors());
                LockSupport.parkNanos(20_000); // not a spin: the processors need both cores
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - committed;
            }
        }
        return nanos;
    }

    private Trader register(String name) {
        JsonNode registered = call(null, "POST", "/auth/register", Map.of("display_name", name), 201);
        return new Trader(registered.get("account_id").asText(), registered.get("default_agent_id").asText(),
                registered.get("api_key").asText());
    }

    /** One agent trading with its own key over its own keep-alive connection. */
    private final class Trader {
        final String accountId;
        final String agentId;
        final String apiKey;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int placed;

        Trader(String accountId, String agentId, String apiKey) {
            this.accountId = accountId;
            this.agentId = agentId;
            this.apiKey = apiKey;
        }

        /** Market orders of 0.001 BTC, buy and sell in turn; the latency of each. */
        long[] orders(int count) {
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                String side = placed++ % 2 == 0 ? "buy" : "sell";
                long t = System.nanoTime();
                JsonNode order = call(this, "POST", "/trade/order",
                        Map.of("symbol", "BTCUSDT", "side", side, "type", "market", "quantity", "0.001"), 201);
                nanos[i] = System.nanoTime() - t;
                check("filled".equals(order.path("status").asText()), "a filled market order: " + order);
            }
            return nanos;
        }
    }

    private JsonNode call(Trader trader, String method, String path, Object body, int expected) {
        HttpClient http = trader == null ? HttpClient.newHttpClient() : trader.http;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (trader != null) {
                request.header("X-API-Key", trader.apiKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            check(response.statusCode() == expected, method + " " + path + " answered " + response.statusCode() + " "
                    + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Raw engine work for the ratio docs/benchmarks.md asks for: 100 wallets valued again and again. */
    static double engineValuationsPerSecond() {
        List<Sandbox> wallets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            wallets.add(new Sandbox(new BigDecimal("10000")));
        }
        PriceBoard board = new PriceBoard();
        long valuations = 0;
        BigDecimal sink = BigDecimal.ZERO;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000_000L) {
            for (Sandbox wallet : wallets) {
                sink = sink.add(wallet.equity(board));
                valuations++;
            }
        }
        check(sink.signum() > 0, "valuations ran");
        return valuations / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }
}
