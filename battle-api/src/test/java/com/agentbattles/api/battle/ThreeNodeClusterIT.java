package com.agentbattles.api.battle;

import com.agentbattles.api.live.LiveClockLeaseConfig;
import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.BattleChannelClient;
import com.agentbattles.api.support.ServerProcess;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three server processes (the packaged jar, separate JVMs) on one PostgreSQL, joined into one
 * command ring by {@code battles.cluster.members} (docs/operations.md, "Scaling out").
 *
 * <p>First the requests of two historical battles are spread over all three nodes: created on
 * one, joined on the next, started and stepped from the others in turn, orders sent to yet
 * another. Each battle ends with a matching audit and the same results on every node. Then one
 * live battle of two minutes (prices from each node's replay feed playing the stored candles) runs
 * over the three: its agent's orders go round the nodes and meet one order-rate limit, a
 * WebSocket client on every node watches it, and in the middle the node holding the live clock's
 * lease ({@code cluster_lease}) is killed with SIGKILL. Another node takes the clock over, the
 * battle ends at its deadline with every snapshot in its place, every audit still matches on
 * the survivors, and the survivors' WebSocket clients saw every snapshot of it.
 *
 * <p>The database is CI's standalone server when {@code BATTLES_DB_URL} names one (a fresh
 * database of this test's own on it, dropped afterwards), else one embedded PostgreSQL that this
 * test starts; the three nodes share it through {@code battles.db.url}. A resource made on one
 * node and used on another is sent again while it answers 404 (the barrier covers the caller's
 * own writes; a write of the same owner routed elsewhere a moment before may still be on its way
 * into that node's read model).
 */
class ThreeNodeClusterIT {

    private static final String DAY = "2022-11-09";
    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv");
    private static final Path ETH_FILE = HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-" + DAY + ".csv");
    private static final String ADMIN_KEY = "cluster-admin";
    private static final int STEPS = 1440;
    private static final Duration CROSS_NODE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(2);
    /** Two minutes: on a loaded machine the orders before the kill can take most of one. */
    private static final Duration LIVE_FOR = Duration.ofMinutes(2);
    private static final int ORDERS_PER_MINUTE = 10;
    /** Snapshots the live battle has before the clock's node is killed: early in its two minutes. */
    private static final int SNAPSHOTS_BEFORE_KILL = 8;

    @TempDir
    Path root;

    private SharedDatabase database;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<BattleChannelClient> watchers = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        watchers.forEach(BattleChannelClient::close);
        nodes.forEach(ServerProcess::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void historicalBattlesAndALiveOneSpreadOverThreeNodesOutliveTheKillOfTheLiveClocksNode() throws Exception {
        database = SharedDatabase.create();
        startRing(3);
        try {
            int[] ports = nodes.stream().mapToInt(ServerProcess::port).toArray();
            var upload = new ApiClient(ports[0]).withHeader("X-Admin-Key", ADMIN_KEY)
                    .upload("/admin/candles/import", "file", List.of(BTC_FILE, ETH_FILE));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
            BattleApiClient.Account owner = register(ports[0], ports[1], "Cluster owner");

            List<String> historical = playTwoHistoricalBattles(owner, ports);
            playLiveBattleKillingTheClocksNode(owner, ports, historical);
        } catch (AssertionError | Exception e) {
            StringBuilder logs = new StringBuilder();
            for (int node = 0; node < nodes.size(); node++) {
                logs.append("\n--- node ").append(node + 1).append(" errors:\n");
                nodes.get(node).output().lines().filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by")
                        || line.contains("Exception:")).limit(60).forEach(line -> logs.append(line).append('\n'));
            }
            throw new AssertionError(e.getMessage() + logs, e);
        }
    }

    private List<String> playTwoHistoricalBattles(BattleApiClient.Account owner, int[] ports) throws Exception {
        // created on one node, used on the others: every node's barrier reads the shared tokens
        int pushNode = ports[1];
        List<String> agents = IntStream.range(0, 4).mapToObj(i -> acceptedOnceVisible(owner.jwt().onPort(pushNode),
                "/agents", Map.of("name", "Trader " + i), 201).get("agent_id").asText()).toList();

        // two battles at once, each request on the next node of its own rotation
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() ->
                playBattle(owner, ports, 0, "Cluster day one", agents.subList(0, 2)));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() ->
                playBattle(owner, ports, 1, "Cluster day two", agents.subList(2, 4)));
        List<String> battles = List.of(first.get(), second.get());

        for (String battleId : battles) {
            String[] results = new String[3];
            for (int node = 0; node < 3; node++) {
                results[node] = completedResults(owner.jwt().onPort(ports[node]), battleId, node);
            }
            assertThat(results[1]).as("results of node 2").isEqualTo(results[0]);
            assertThat(results[2]).as("results of node 3").isEqualTo(results[0]);
        }
        return battles;
    }

    /** The battle's rankings once it is completed on this node, after checking its audit there. */
    private static String completedResults(BattleApiClient api, String battleId, int node) {
        String[] results = new String[1];
        await().atMost(CROSS_NODE.multipliedBy(2)).untilAsserted(() -> {
            JsonNode answer = api.get("/battles/" + battleId + "/results").expect(200).body();
            assertThat(answer.get("status").asText()).isEqualTo("completed");
            assertThat(answer.get("rankings")).hasSize(2);
            results[0] = answer.get("rankings").toString() + answer.get("rankings_digest").asText();
        });
        JsonNode audit = api.get("/battles/" + battleId + "/audit").expect(200).body();
        assertThat(audit.get("matches").asBoolean()).as("audit of %s on node %d: %s", battleId, node + 1, audit).isTrue();
        return results[0];
    }

    /**
     * A live battle of two minutes over the three nodes; the node running its clock is killed in
     * the middle. Checks the takeover, the deadline, every snapshot, the order-rate limit across
     * nodes, the survivors' WebSocket clients and every audit on the survivors.
     */
    private void playLiveBattleKillingTheClocksNode(BattleApiClient.Account owner, int[] ports, List<String> historical)
            throws SQLException {
        // every node plays the imported candles on its own replay feed
        for (int port : ports) {
            BattleApiClient reader = owner.jwt().onPort(port);
            await().atMost(CROSS_NODE).until(() -> reader.get("/market/price/BTCUSDT").status() == 200
                    && reader.get("/market/price/ETHUSDT").status() == 200);
        }
        JsonNode trader = acceptedOnceVisible(owner.jwt().onPort(ports[2]), "/agents", Map.of("name", "Live trader"), 201);
        String traderId = trader.get("agent_id").asText();
        String rivalId = acceptedOnceVisible(owner.jwt().onPort(ports[0]), "/agents", Map.of("name", "Live rival"), 201)
                .get("agent_id").asText();
        String battleId = acceptedOnceVisible(owner.jwt().onPort(ports[1]), "/battles", Map.of("name", "Cluster live",
                "preset", "quick_1h", "duration_minutes", LIVE_FOR.toMinutes()), 201).get("battle_id").asText();
        acceptedOnceVisible(owner.jwt().onPort(ports[2]), "/battles/" + battleId + "/participants", Map.of("agent_id", traderId), 201);
        acceptedOnceVisible(owner.jwt().onPort(ports[0]), "/battles/" + battleId + "/participants", Map.of("agent_id", rivalId), 201);

        // a watcher on every node from before the start: whichever node dies, two are left
        String query = "api_key=" + owner.apiKey().authValue("X-API-Key");
        for (int port : ports) {
            BattleApiClient api = owner.jwt().onPort(port);
            await().atMost(CROSS_NODE).until(() -> api.get("/battles/" + battleId).status() == 200);
            BattleChannelClient watcher = BattleChannelClient.connect(port, query);
            watchers.add(watcher);
            watcher.subscribe(battleId);
        }
        BattleApiClient starter = owner.jwt().onPort(ports[1]);
        acceptedOnceVisible(starter, "/battles/" + battleId + "/start", null, 200);
        Instant startedAt = Instant.parse(starter.get("/battles/" + battleId).expect(200).body().get("started_at").asText());
        Instant deadline = startedAt.plus(LIVE_FOR);

        // the first snapshot values both wallets: the battle holds them now
        await().atMost(CROSS_NODE).until(() -> replay(owner.jwt().onPort(ports[2]), battleId).size() >= 1);
        ordersMeetOneLimitWhicheverNodeTheyReach(trader.get("api_key").asText(), ports);

        await().atMost(CROSS_NODE.multipliedBy(2)).until(() ->
                replay(owner.jwt().onPort(ports[0]), battleId).size() >= SNAPSHOTS_BEFORE_KILL);
        String holder = database.leaseOwner().orElseThrow();
        int killed = nodeIndex(holder);
        Instant killedAt = Instant.now();
        assertThat(killedAt).as("the kill comes before the deadline").isBefore(deadline.minus(SNAPSHOT_EVERY.multipliedBy(5)));
        long killNanos = System.nanoTime();
        nodes.get(killed).killJvm();
        String[] newHolder = new String[1];
        await().atMost(CROSS_NODE).pollInterval(Duration.ofMillis(50)).until(() -> {
            newHolder[0] = database.leaseOwner().filter(owner1 -> !owner1.equals(holder)).orElse(null);
            return newHolder[0] != null;
        });
        Duration takeover = Duration.ofNanos(System.nanoTime() - killNanos);
        System.out.printf(Locale.ROOT, "ThreeNodeClusterIT: %s (live clock) killed, %s took the clock over after %d ms%n",
                holder, newHolder[0], takeover.toMillis());
        assertThat(takeover).as("takeover within the lease's 3 s and a tick, with room for a busy machine")
                .isLessThan(Duration.ofSeconds(10));

        List<Integer> survivors = IntStream.range(0, 3).filter(i -> i != killed).boxed().toList();
        List<JsonNode> snapshots = null;
        for (int node : survivors) {
            BattleApiClient api = owner.jwt().onPort(ports[node]);
            await().atMost(CROSS_NODE.multipliedBy(4)).until(() ->
                    "completed".equals(api.get("/battles/" + battleId).expect(200).body().get("status").asText()));
            JsonNode battle = api.get("/battles/" + battleId).expect(200).body();
            assertThat(Instant.parse(battle.get("completed_at").asText())).as("ended on node %d", node + 1).isEqualTo(deadline);
            // the replay's read model may be a segment the killed node held, claimed by a survivor after its timeout
            List<JsonNode>[] replay = new List[1];
            await().atMost(CROSS_NODE).until(() -> {
                replay[0] = replay(api, battleId);
                return !replay[0].isEmpty() && time(replay[0].get(replay[0].size() - 1)).equals(deadline);
            });
            if (snapshots == null) {
                snapshots = replay[0];
                everySnapshotInItsPlace(snapshots, startedAt, deadline, killedAt, takeover);
            } else {
                assertThat(replay[0].toString()).as("replay on node %d", node + 1).isEqualTo(snapshots.toString());
            }
        }

        List<String> steps = snapshots.stream().map(s -> s.get("step").asLong() + "@" + time(s)).toList();
        for (int node : survivors) {
            BattleChannelClient watcher = watchers.get(node);
            await().atMost(CROSS_NODE).until(() -> watcher.battleMessageTypes().contains("battle:status:completed")
                    && watcher.dataOf("battle:update").size() >= steps.size());
            // a push carries the event's time to the nanosecond, the replay PostgreSQL's microsecond
            assertThat(watcher.dataOf("battle:update").stream().map(u -> u.get("step").asLong() + "@"
                    + toMicros(Instant.parse(u.get("timestamp").asText()))).toList())
                    .as("battle:update on node %d (the clock ran on %s, then %s)", node + 1, holder, newHolder[0])
                    .isEqualTo(steps);
        }

        String[] results = new String[3];
        for (int node : survivors) {
            for (String battle : historical) {
                completedResults(owner.jwt().onPort(ports[node]), battle, node);
            }
            results[node] = completedResults(owner.jwt().onPort(ports[node]), battleId, node);
        }
        assertThat(results[survivors.get(1)]).isEqualTo(results[survivors.get(0)]);
    }

    /**
     * No snapshot skipped or repeated: steps 1, 2, 3 … and, between two snapshots, at least the
     * interval (the one at the deadline excepted, which may come sooner) and never a whole
     * interval more — except across the kill, where the battle waited for the takeover.
     */
    private static void everySnapshotInItsPlace(List<JsonNode> snapshots, Instant startedAt, Instant deadline,
                                                Instant killedAt, Duration takeover) {
        String all = snapshots.stream().map(s -> s.get("step").asLong() + "@" + time(s)).toList().toString();
        assertThat(snapshots.size()).as(all).isGreaterThan(SNAPSHOTS_BEFORE_KILL);
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(snapshots.get(i).get("step").asLong()).as(all).isEqualTo(i + 1);
        }
        assertThat(time(snapshots.get(0))).as(all).isAfterOrEqualTo(startedAt.plus(SNAPSHOT_EVERY));
        assertThat(time(snapshots.get(snapshots.size() - 1))).as(all).isEqualTo(deadline);
        int acrossTheKill = 0;
        for (int i = 1; i < snapshots.size(); i++) {
            Instant previous = time(snapshots.get(i - 1));
            Instant current = time(snapshots.get(i));
            Duration gap = Duration.between(previous, current);
            if (i < snapshots.size() - 1) {
                assertThat(gap).as("gap before step %d of %s", i + 1, all).isGreaterThanOrEqualTo(SNAPSHOT_EVERY);
            } else {
                assertThat(gap).as("gap before the deadline's snapshot of %s", all).isPositive();
            }
            boolean spansTheKill = !previous.isAfter(killedAt) && current.isAfter(killedAt);
            if (spansTheKill) {
                acrossTheKill++;
                assertThat(gap).as("gap across the kill before step %d of %s", i + 1, all)
                        .isLessThan(SNAPSHOT_EVERY.plus(takeover).plusSeconds(2));
            } else {
                assertThat(gap).as("gap before step %d of %s", i + 1, all).isLessThan(SNAPSHOT_EVERY.multipliedBy(2));
            }
        }
        assertThat(acrossTheKill).isEqualTo(1);
    }

    /**
     * The trader's orders (one market buy, then limit buys far below the price that rest) go round
     * the nodes: exactly the limit are accepted, and the next one is refused on every node.
     */
    private static void ordersMeetOneLimitWhicheverNodeTheyReach(String apiKey, int[] ports) {
        List<BattleApiClient> onNode = IntStream.range(0, ports.length)
                .mapToObj(i -> BattleApiClient.withApiKey(ports[i], apiKey)).toList();
        for (BattleApiClient api : onNode) {
            await().atMost(CROSS_NODE).until(() -> api.get("/account/balance").status() == 200);
        }
        Map<String, Object> market = Map.of("symbol", "BTCUSDT", "side", "buy", "type", "market", "quantity", "0.001");
        Map<String, Object> resting = Map.of("symbol", "BTCUSDT", "side", "buy", "type", "limit", "quantity", "0.001",
                "price", "1000");
        for (int order = 0; order < ORDERS_PER_MINUTE; order++) {
            onNode.get(order % ports.length).post("/trade/order", order == 0 ? market : resting).expect(201);
        }
        for (int node = 0; node < ports.length; node++) {
            onNode.get((ORDERS_PER_MINUTE + node) % ports.length).post("/trade/order", resting)
                    .expectError(429, "RATE_LIMIT_EXCEEDED");
        }
    }

    private static List<JsonNode> replay(BattleApiClient api, String battleId) {
        List<JsonNode> snapshots = new ArrayList<>();
        api.get("/battles/" + battleId + "/replay?limit=10000").expect(200).body().get("snapshots").forEach(snapshots::add);
        return snapshots;
    }

    private static Instant time(JsonNode snapshot) {
        return Instant.parse(snapshot.get("timestamp").asText());
    }

    /** Rounded to the microsecond, as PostgreSQL stores a timestamp. */
    private static Instant toMicros(Instant time) {
        return time.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static int nodeIndex(String nodeId) {
        assertThat(nodeId).startsWith("node-");
        return Integer.parseInt(nodeId.substring("node-".length())) - 1;
    }

    /**
     * Registers on one node and logs in on another: the login reads credentials that a segment on
     * any node may project, so it is repeated while they are not there yet (401).
     */
    private static BattleApiClient.Account register(int registerOn, int loginOn, String displayName) {
        JsonNode registered = BattleApiClient.anonymous(registerOn).post("/auth/register", Map.of("display_name", displayName))
                .expect(201).body();
        Map<String, String> credentials = Map.of("api_key", registered.get("api_key").asText(),
                "api_secret", registered.get("api_secret").asText());
        BattleApiClient anonymous = BattleApiClient.anonymous(loginOn);
        JsonNode[] login = new JsonNode[1];
        await().atMost(CROSS_NODE).pollInterval(Duration.ofMillis(100)).until(() -> {
            BattleApiClient.Response response = anonymous.post("/auth/login", credentials);
            if (response.status() == 401) {
                return false;
            }
            login[0] = response.expect(200).body();
            return true;
        });
        BattleApiClient jwt = BattleApiClient.withBearer(loginOn, login[0].get("token").asText());
        BattleApiClient apiKey = BattleApiClient.withApiKey(loginOn, registered.get("api_key").asText());
        return new BattleApiClient.Account(registered.get("account_id").asText(), jwt, apiKey);
    }

    /** One battle whose requests go round the nodes, starting at node {@code offset}. */
    private static String playBattle(BattleApiClient.Account owner, int[] ports, int offset, String name, List<String> agents) {
        Supplier<BattleApiClient> next = new Supplier<>() {
            private int request = offset;

            @Override
            public BattleApiClient get() {
                return owner.jwt().onPort(ports[request++ % ports.length]);
            }
        };
        // a 404 here is the new battle's view not projected on this node yet: the battle exists,
        // the retry makes another one and plays that
        String battleId = acceptedOnceVisible(next.get(), "/battles", Map.of("name", name, "preset", "historical_day",
                "backtest_config", Map.of("start_time", DAY + "T00:00:00Z", "end_time", "2022-11-10T00:00:00Z",
                        "candle_interval", "1m", "pairs", List.of("BTCUSDT", "ETHUSDT"))), 201)
                .get("battle_id").asText();
        for (String agent : agents) {
            acceptedOnceVisible(next.get(), "/battles/" + battleId + "/participants", Map.of("agent_id", agent), 201);
        }
        acceptedOnceVisible(next.get(), "/battles/" + battleId + "/start", null, 200);
        long step = 0;
        int round = 0;
        while (step < STEPS) {
            BattleApiClient api = next.get();
            int steps = (int) Math.min(120, STEPS - step);
            long reached = acceptedOnceVisible(api, "/battles/" + battleId + "/step/batch", Map.of("steps", steps), 200)
                    .get("step").asLong();
            assertThat(reached).as("the battle's clock is one, whichever node steps it").isGreaterThanOrEqualTo(step + steps);
            step = reached;
            if (step < STEPS) {
                // each agent buys its pair, then sells it, in turn: a sell always has its buy before it
                int turn = round++;
                boolean first = turn % 2 == 0;
                Map<String, Object> order = new LinkedHashMap<>(Map.of("agent_id", agents.get(turn % 2),
                        "symbol", first ? "ETHUSDT" : "BTCUSDT", "side", (turn / 2) % 2 == 0 ? "buy" : "sell",
                        "type", "market", "quantity", first ? "0.5" : "0.02"));
                acceptedOnceVisible(next.get(), "/battles/" + battleId + "/trade/order", order, 201);
            }
        }
        return battleId;
    }

    /**
     * A request that another node's read model may not show yet (a 404 for an agent or battle
     * just made elsewhere), sent again until it is accepted; any other answer fails at once.
     */
    private static JsonNode acceptedOnceVisible(BattleApiClient api, String path, Object body, int expected) {
        JsonNode[] answer = new JsonNode[1];
        await().atMost(CROSS_NODE).pollInterval(Duration.ofMillis(100)).until(() -> {
            BattleApiClient.Response response = body == null ? api.post(path) : api.post(path, body);
            if (response.status() == 404) {
                return false;
            }
            answer[0] = response.expect(expected).body();
            return true;
        });
        return answer[0];
    }

    private void startRing(int size) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String jwtSecret = Base64.getEncoder().encodeToString(key);
        List<Integer> ringPorts = IntStream.range(0, size).mapToObj(i -> freePort()).toList();
        String members = String.join(",", ringPorts.stream().map(port -> "127.0.0.1:" + port).toList());

        // the first node migrates the schema; the others start beside each other
        nodes.add(startNode(0, jwtSecret, members, ringPorts.get(0)));
        List<CompletableFuture<ServerProcess>> others = IntStream.range(1, size).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> startNode(i, jwtSecret, members, ringPorts.get(i)))).toList();
        others.forEach(node -> nodes.add(node.join()));

        for (ServerProcess node : nodes) {
            await().atMost(Duration.ofSeconds(60)).until(() -> ringSize(node.port()) == size);
        }
    }

    /**
     * One node, named {@code node-<n>} both in the ring and as owner of leases, with the default
     * segments (six per processor, at most three per node, so that the two nodes left after a kill
     * can claim every segment of the dead one); each node plays the stored candles on its own replay feed.
     */
    private ServerProcess startNode(int index, String jwtSecret, String members, int ringPort) {
        String name = "node-" + (index + 1);
        List<String> properties = new ArrayList<>(List.of("--battles.admin-key=" + ADMIN_KEY,
                "--battles.db.url=" + database.url(), "--battles.db.user=" + database.user(),
                "--battles.jwt.secret=" + jwtSecret,
                "--battles.cluster.members=" + members, "--battles.cluster.bind-port=" + ringPort,
                "--battles.cluster.bind-addr=127.0.0.1", "--battles.cluster.node-name=" + name,
                "--battles.cluster.node-id=" + name,
                "--battles.market.feed=replay", "--battles.market.replay.symbols=BTCUSDT,ETHUSDT",
                "--battles.market.replay.interval=1m", "--battles.market.replay.speed=60",
                "--battles.live.snapshot-interval=" + SNAPSHOT_EVERY.toMillis() + "ms",
                "--battles.trading.orders-per-minute=" + ORDERS_PER_MINUTE));
        if (!database.password().isEmpty()) {
            properties.add("--battles.db.password=" + database.password());
        }
        return ServerProcess.start(root.resolve(name), properties.toArray(String[]::new));
    }

    /** The number of members in the node's command ring, from its health. */
    private static int ringSize(int port) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return BattleApiClient.JSON.readTree(body).at("/components/commandRing/details/size").asInt(0);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one PostgreSQL of the three nodes: with {@code BATTLES_DB_URL} set (CI's standalone
     * server) a fresh database of this test's own there, created and dropped through JDBC;
     * otherwise an embedded server started here.
     */
    private record SharedDatabase(String url, String user, String password, EmbeddedPostgres embedded,
                                  String adminUrl, String name) implements AutoCloseable {

        private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

        static SharedDatabase create() throws IOException, SQLException {
            String standalone = System.getenv("BATTLES_DB_URL");
            if (standalone == null || standalone.isBlank()) {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
                return new SharedDatabase("jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres", "postgres", "",
                        embedded, null, null);
            }
            Matcher url = JDBC_URL.matcher(standalone);
            if (!url.matches()) {
                throw new IllegalStateException("BATTLES_DB_URL is not a jdbc:postgresql URL: " + standalone);
            }
            String user = Optional.ofNullable(System.getenv("BATTLES_DB_USER")).filter(u -> !u.isBlank()).orElse("postgres");
            String password = Optional.ofNullable(System.getenv("BATTLES_DB_PASSWORD")).orElse("");
            String name = "cluster_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection connection = DriverManager.getConnection(standalone, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return new SharedDatabase(url.group(1) + name + Optional.ofNullable(url.group(3)).orElse(""), user, password,
                    null, standalone, name);
        }

        /** The node holding the live clock's lease now, as {@code battles.cluster.node-id} names it. */
        Optional<String> leaseOwner() throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 var statement = connection.prepareStatement(
                         "SELECT owner FROM cluster_lease WHERE name = ? AND expires_at > now()")) {
                statement.setString(1, LiveClockLeaseConfig.NAME);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        }

        @Override
        public void close() throws IOException, SQLException {
            if (embedded != null) {
                embedded.close();
                return;
            }
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
