package com.agentbattles.api.bench;

import com.agentbattles.api.support.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load driver (not a test) for "Several nodes: one vs three" in docs/benchmarks.md. For each ring
 * size of {@code bench.nodes} (default 1,3) it starts that many packaged servers on one fresh
 * PostgreSQL ({@link BenchCluster}) with the replay feed playing stored 1h candles as live prices
 * and the order rate limit out of the way, spreads its clients round robin over the nodes (every
 * client sends all its requests to its own node, as a load balancer with sticky connections would),
 * and measures
 * <ul>
 *   <li>live: {@code bench.agents} agents (default 40) at once, each sending
 *       {@code bench.agent.orders} (default 150) market orders on its own wallet
 *       ({@code POST /trade/order}), after {@code bench.warmup.orders} (default 20) each one
 *       at a time: orders/s, p50/p99 of an order;</li>
 *   <li>historical: {@code bench.battles} battles (default 4) at once, one driver thread each, two
 *       agents per battle: first {@code bench.batch.steps} (default 6,000) steps in
 *       {@code step/batch} of 100 with an order of each agent every 1,000 steps, then
 *       {@code bench.single.steps} (default 300) single {@code /step}s each followed by one order:
 *       steps/s of all battles together, p50/p99 of a request.</li>
 * </ul>
 * With each figure it records the CPU the nodes, the embedded PostgreSQL, this driver and the
 * whole machine used meanwhile ({@code /proc}), and the load average; the raw sandbox-engine
 * rate is measured in this JVM before any node starts, for the ratio. Run with
 * {@code bench/cluster-load.sh}; {@code bench.server.jar} names the packaged server.
 */
public final class ClusterLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "bench-admin-key";
    private static final String START = "2023-03-25T00:00:00Z";
    private static final int BATCH = 100;
    private static final int ORDER_EVERY = 1000;
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Path jar = Path.of(System.getProperty("bench.server.jar", "battle-api/target/battle-api.jar"));
    private final Path sharedData = Path.of(System.getProperty("bench.data", "/work/shared/data"));
    private final String nodeHeap = System.getProperty("bench.node.heap", "768m");
    private final int agents = Integer.getInteger("bench.agents", 40);
    private final int ordersPerAgent = Integer.getInteger("bench.agent.orders", 150);
    private final int warmUp = Integer.getInteger("bench.warmup.orders", 20);
    private final int battles = Integer.getInteger("bench.battles", 4);
    private final int batchSteps = Integer.getInteger("bench.batch.steps", 6000);
    private final int singleSteps = Integer.getInteger("bench.single.steps", 300);
    private final List<String[]> table = new ArrayList<>();
    /** Requests sent again because the node did not show another node's write yet (404/401). */
    private final AtomicLong retried = new AtomicLong();
    private double engineRate;

    public static void main(String[] args) {
        int status = 0;
        try {
            new ClusterLoadDriver().run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar + " (bench/cluster-load.sh builds it)");
        }
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.nodes", "1,3").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        log(CORES + " cores, java " + Runtime.version() + ", server " + jar + ", load average " + load());
        engineRate = LiveOrderLoadDriver.engineValuationsPerSecond();
        log(String.format(Locale.ROOT, "raw sandbox-engine valuations in this JVM: %,.0f per second", engineRate));
        for (int size : sizes) {
            Path root = Files.createTempDirectory("battles-cluster-bench-" + size + "n-");
            long t = System.nanoTime();
            try (BenchCluster cluster = BenchCluster.start(size, jar, root, nodeHeap, List.of(
                    "--battles.admin-key=" + ADMIN_KEY, "--battles.market.feed=replay",
                    "--battles.market.replay.symbols=BTCUSDT,ETHUSDT", "--battles.market.replay.interval=1h",
                    "--battles.market.replay.speed=3600", "--battles.trading.orders-per-minute=100000000"))) {
                log(size + " node(s) up in " + (System.nanoTime() - t) / 1_000_000 + " ms on " + cluster.database()
                        + ", logs in " + root);
                retried.set(0);
                prepare(cluster);
                liveOrders(cluster, size);
                historicalBattles(cluster, size);
                log(size + " node(s): " + retried.get() + " requests sent again while another node's write was not visible yet");
            }
            deleteTree(root); // kept, with the nodes' logs, when the run failed
        }
        print();
    }

    // ---------------------------------------------------------------- setup

    private void prepare(BenchCluster cluster) {
        BenchCluster.Node first = cluster.nodes().get(0);
        ApiClient admin = new ApiClient(first.port()).withHeader("X-Admin-Key", ADMIN_KEY);
        long t = System.nanoTime();
        for (Path file : List.of(sharedData.resolve("binance-spot-freqtrade/BTCUSDT-1h-2023-04-01_2023-05-01.json"),
                sharedData.resolve("binance-spot-freqtrade/ETHUSDT-1h-2023-04-01_2023-05-01.json"),
                sharedData.resolve("binance-spot-freqtrade/BTCUSDT-1m-2023-03-16_2023-05-01.json.gz"),
                sharedData.resolve("binance-spot-freqtrade/ETHUSDT-1m-2023-03-16_2023-05-01.json.gz"))) {
            var upload = admin.upload("/admin/candles/import", "file", List.of(file));
            check(upload.status() == 200, "upload of " + file + " answered " + upload);
        }
        log("candles imported in " + (System.nanoTime() - t) / 1_000_000 + " ms");
        // every node plays the replay itself, from the shared candle store; prices need a caller,
        // and a JWT (signed with the key every node shares) is good on every node at once
        Account watcher = register(first, "Price watcher");
        for (BenchCluster.Node node : cluster.nodes()) {
            Client prices = new Client(node, watcher.jwt().headers);
            BenchCluster.awaitUntil(() -> prices.send("GET", "/market/prices", null).path("prices").size() >= 2,
                    Duration.ofSeconds(60), "no live prices on port " + node.port() + " within 60 s");
        }
    }

    /** A new account on {@code node}, logged in there; its default agent trades with its API key. */
    private Account register(BenchCluster.Node node, String name) {
        Client anonymous = new Client(node, Map.of());
        JsonNode registered = anonymous.accepted("POST", "/auth/register", Map.of("display_name", name), 201);
        JsonNode login = anonymous.accepted("POST", "/auth/login", Map.of("api_key", registered.get("api_key").asText(),
                "api_secret", registered.get("api_secret").asText()), 200);
        return new Account(registered.get("default_agent_id").asText(),
                new Client(node, Map.of("X-API-Key", registered.get("api_key").asText())),
                new Client(node, Map.of("Authorization", "Bearer " + login.get("token").asText())));
    }

    private record Account(String defaultAgent, Client apiKey, Client jwt) {
    }

    // ---------------------------------------------------------------- live orders

    private void liveOrders(BenchCluster cluster, int size) throws Exception {
        List<Account> traders = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            traders.add(register(cluster.nodes().get(i % size), "Cluster bench " + i));
        }
        int[] placed = new int[agents];
        for (int i = 0; i < agents; i++) { // warm-up: JIT on every node, connections, caches
            orders(traders.get(i).apiKey(), placed, i, warmUp);
        }
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        List<Callable<long[]>> work = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            int agent = i;
            work.add(() -> orders(traders.get(agent).apiKey(), placed, agent, ordersPerAgent));
        }
        Measured measured = measure(cluster, pool, work);
        pool.shutdown();
        double rate = measured.samples.length / measured.seconds();
        log(String.format(Locale.ROOT, "%d node(s), %d agents at once, %d orders each: %,.0f orders/s, p50 / p99 / max %s ms, %s, load average %s",
                size, agents, ordersPerAgent, rate, Latencies.p50p99Max(measured.samples), measured.cpu, measured.load));
        row(size, "live: " + agents + " agents at once, " + ordersPerAgent + " market orders each (own wallet)",
                String.format(Locale.ROOT, "%,.0f orders/s", rate), Latencies.p50p99Max(measured.samples), measured, rate);
    }

    /** Market orders of 0.001 BTC, buy and sell in turn; the latency of each, the first ones once visible. */
    private long[] orders(Client trader, int[] placed, int agent, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String side = placed[agent]++ % 2 == 0 ? "buy" : "sell";
            long t = System.nanoTime();
            JsonNode order = trader.accepted("POST", "/trade/order",
                    Map.of("symbol", "BTCUSDT", "side", side, "type", "market", "quantity", "0.001"), 201);
            nanos[i] = System.nanoTime() - t;
            check("filled".equals(order.path("status").asText()), "a filled market order: " + order);
        }
        return nanos;
    }

    // ---------------------------------------------------------------- historical battles

    private void historicalBattles(BenchCluster cluster, int size) throws Exception {
        int days = (batchSteps + singleSteps) / 1440 + 1;
        String end = Instant.parse(START).plus(Duration.ofDays(days)).toString();
        List<Battle> prepared = new ArrayList<>();
        for (int i = 0; i < battles; i++) {
            prepared.add(newBattle(cluster.nodes().get(i % size), i, end));
        }
        ExecutorService pool = Executors.newFixedThreadPool(battles);
        List<Callable<long[]>> batched = new ArrayList<>();
        prepared.forEach(battle -> batched.add(battle::batched));
        Measured a = measure(cluster, pool, batched);
        double aRate = (double) battles * batchSteps / a.seconds();
        log(String.format(Locale.ROOT, "%d node(s), %d battles at once, step/batch of %d: %,.0f steps/s, request p50 / p99 / max %s ms, %s, load average %s",
                size, battles, BATCH, aRate, Latencies.p50p99Max(a.samples), a.cpu, a.load));
        row(size, "historical: " + battles + " battles at once, " + batchSteps + " steps each in step/batch of " + BATCH
                        + " (+ 2 orders per 1,000 steps)", String.format(Locale.ROOT, "%,.0f steps/s", aRate),
                Latencies.p50p99Max(a.samples), a, aRate);

        List<Callable<long[]>> single = new ArrayList<>();
        prepared.forEach(battle -> single.add(battle::singleSteps));
        Measured b = measure(cluster, pool, single);
        pool.shutdown();
        double bRate = (double) battles * singleSteps / b.seconds();
        log(String.format(Locale.ROOT, "%d node(s), %d battles at once, /step + one order: %,.0f steps/s, request p50 / p99 / max %s ms, %s, load average %s",
                size, battles, bRate, Latencies.p50p99Max(b.samples), b.cpu, b.load));
        row(size, "historical: " + battles + " battles at once, " + singleSteps + " × (/step + 1 order) each",
                String.format(Locale.ROOT, "%,.0f steps/s", bRate), Latencies.p50p99Max(b.samples), b, bRate);
        for (Battle battle : prepared) {
            battle.owner.jwt().accepted("POST", "/battles/" + battle.id + "/stop", null, 200);
        }
    }

    private Battle newBattle(BenchCluster.Node node, int index, String end) {
        Account owner = register(node, "Cluster battle owner " + index);
        List<String> battleAgents = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            battleAgents.add(owner.jwt().accepted("POST", "/agents", Map.of("name", "Bench " + index + name), 201)
                    .get("agent_id").asText());
        }
        String id = owner.jwt().accepted("POST", "/battles", Map.of("name", "Cluster bench " + index, "battle_mode", "historical",
                "backtest_config", Map.of("start_time", START, "end_time", end, "candle_interval", "1m",
                        "pairs", List.of("BTCUSDT", "ETHUSDT"))), 201).get("battle_id").asText();
        for (String agent : battleAgents) {
            owner.jwt().accepted("POST", "/battles/" + id + "/participants", Map.of("agent_id", agent), 201);
        }
        owner.jwt().accepted("POST", "/battles/" + id + "/start", null, 200);
        return new Battle(id, owner, battleAgents);
    }

    /** One battle, driven by one thread through its owner's node. */
    private final class Battle {
        final String id;
        final Account owner;
        final List<String> agents;
        long step;
        int singleOrders;

        Battle(String id, Account owner, List<String> agents) {
            this.id = id;
            this.owner = owner;
            this.agents = agents;
        }

        /** step/batch of 100 up to {@code batchSteps}, each agent ordering every 1,000 steps; every request's latency. */
        long[] batched() {
            List<Long> nanos = new ArrayList<>();
            while (step < batchSteps) {
                long t = System.nanoTime();
                long reached = owner.jwt().accepted("POST", "/battles/" + id + "/step/batch",
                        Map.of("steps", (int) Math.min(BATCH, batchSteps - step)), 200).get("step").asLong();
                nanos.add(System.nanoTime() - t);
                check(reached > step, "battle " + id + " did not advance from " + step);
                if (reached / ORDER_EVERY != step / ORDER_EVERY) {
                    String side = (reached / ORDER_EVERY) % 2 == 1 ? "buy" : "sell";
                    for (String agent : agents) {
                        long o = System.nanoTime();
                        owner.jwt().accepted("POST", "/battles/" + id + "/trade/order", order(agent, side), 201);
                        nanos.add(System.nanoTime() - o);
                    }
                }
                step = reached;
            }
            return nanos.stream().mapToLong(Long::longValue).toArray();
        }

        /** {@code singleSteps} times one /step and one order (the agents in turn, each buying then selling). */
        long[] singleSteps() {
            long[] nanos = new long[2 * singleSteps];
            for (int i = 0; i < singleSteps; i++) {
                long t = System.nanoTime();
                owner.jwt().accepted("POST", "/battles/" + id + "/step", null, 200);
                nanos[2 * i] = System.nanoTime() - t;
                int turn = singleOrders++;
                long o = System.nanoTime();
                owner.jwt().accepted("POST", "/battles/" + id + "/trade/order",
                        order(agents.get(turn % 2), (turn / 2) % 2 == 0 ? "buy" : "sell"), 201);
                nanos[2 * i + 1] = System.nanoTime() - o;
            }
            return nanos;
        }
    }

    private static Map<String, Object> order(String agent, String side) {
        return Map.of("agent_id", agent, "symbol", "BTCUSDT", "side", side, "type", "market", "quantity", "0.001");
    }

    // ---------------------------------------------------------------- measuring

    /** The latencies, wall time, CPU used meanwhile and the load average at the end of one measured phase. */
    private record Measured(long[] samples, long wallNanos, String cpu, String load, double machineBusy) {
        double seconds() {
            return wallNanos / 1e9;
        }
    }

    /** Runs every task at once (released together) and records what the machine did meanwhile. */
    private Measured measure(BenchCluster cluster, ExecutorService pool, List<Callable<long[]>> tasks) throws Exception {
        CyclicBarrier ready = new CyclicBarrier(tasks.size() + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> running = new ArrayList<>();
        for (Callable<long[]> task : tasks) {
            running.add(pool.submit(() -> {
                ready.await();
                go.await();
                return task.call();
            }));
        }
        ready.await();
        CpuSample before = CpuSample.take(cluster);
        long started = System.nanoTime();
        go.countDown();
        List<long[]> each = new ArrayList<>();
        for (Future<long[]> task : running) {
            each.add(task.get());
        }
        long wall = System.nanoTime() - started;
        CpuSample after = CpuSample.take(cluster);
        long[] all = each.stream().flatMapToLong(Arrays::stream).toArray();
        return new Measured(all, wall, after.since(before, wall), load(), after.machineBusy(before));
    }

    /** CPU used so far by the nodes, the embedded PostgreSQL, this driver, and the whole machine ({@code /proc/stat}). */
    private record CpuSample(long[] nodes, Long postgres, long driver, long machineBusyTicks, long machineTicks) {
        static CpuSample take(BenchCluster cluster) {
            long[] machine = readMachineTicks();
            return new CpuSample(cluster.nodeCpuNanos(), cluster.postgresCpuNanos().orElse(null),
                    BenchCluster.cpuNanos(ProcessHandle.current()), machine[0], machine[1]);
        }

        double machineBusy(CpuSample before) {
            long total = machineTicks - before.machineTicks;
            return total == 0 ? 0 : (double) (machineBusyTicks - before.machineBusyTicks) / total;
        }

        /** "CPU (cores busy on average): nodes 0.61+0.58+0.60, postgres 0.25, driver 0.30, machine 97 % of 2". */
        String since(CpuSample before, long wallNanos) {
            StringBuilder nodeShare = new StringBuilder();
            for (int i = 0; i < nodes.length; i++) {
                nodeShare.append(i == 0 ? "" : "+").append(cores(nodes[i] - before.nodes[i], wallNanos));
            }
            return "CPU in cores: nodes " + nodeShare + ", postgres "
                    + (postgres == null || before.postgres == null ? "n/a" : cores(postgres - before.postgres, wallNanos))
                    + ", driver " + cores(driver - before.driver, wallNanos) + String.format(Locale.ROOT,
                    ", machine %.0f %% of %d", 100 * machineBusy(before), CORES);
        }

        private static String cores(long cpuNanos, long wallNanos) {
            return String.format(Locale.ROOT, "%.2f", (double) cpuNanos / wallNanos);
        }

        /** Busy and total jiffies of all CPUs (busy = everything but idle and iowait). */
        private static long[] readMachineTicks() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                long idle = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) {
                    long value = Long.parseLong(fields[i]);
                    total += value;
                    if (i == 4 || i == 5) {
                        idle += value;
                    }
                }
                return new long[]{total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[]{0, 0};
            }
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** One client's keep-alive connection to its node, with its credentials. */
    private final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final Map<String, String> headers;

        Client(BenchCluster.Node node, Map<String, String> headers) {
            this.base = node.base();
            this.headers = headers;
        }

        /**
         * The request, sent again while it answers 404 or 401: a node may not show yet what was
         * written on another a moment before (an account, an agent, a battle; docs/operations.md,
         * read-your-writes). Any other answer than {@code expected} fails the run.
         */
        JsonNode accepted(String method, String path, Object body, int expected) {
            long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
            while (true) {
                HttpResponse<String> response = exchange(method, path, body);
                int status = response.statusCode();
                if ((status == 404 || status == 401) && System.nanoTime() < deadline) {
                    retried.incrementAndGet();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    continue;
                }
                check(status == expected, method + " " + base + path + " answered " + status + " " + response.body());
                return parse(response.body());
            }
        }

        JsonNode send(String method, String path, Object body) {
            return parse(exchange(method, path, body).body());
        }

        private HttpResponse<String> exchange(String method, String path, Object body) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                headers.forEach(request::header);
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    // ---------------------------------------------------------------- report

    private void row(int size, String what, String throughput, String latency, Measured measured, double rate) {
        table.add(new String[]{Integer.toString(size), what, throughput, latency, measured.cpu, measured.load,
                String.format(Locale.ROOT, "1 / %,.0f", engineRate / rate)});
    }

    private void print() {
        String[] head = {"nodes", "scenario", "throughput", "p50 / p99 / max ms", "CPU meanwhile", "load avg", "of engine rate"};
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(table);
        int[] width = new int[head.length];
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nraw sandbox-engine valuations: %,.0f per second (this JVM, before any node started)%n", engineRate));
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                out.append(String.format("%-" + width[i] + "s", r[i])).append(i < r.length - 1 ? " | " : "");
            }
            out.append('\n');
        }
        System.out.println(out);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
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
