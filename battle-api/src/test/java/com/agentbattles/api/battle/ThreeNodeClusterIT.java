package com.agentbattles.api.battle;

import com.agentbattles.api.support.ApiClient;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three server processes (the packaged jar, separate JVMs) on one PostgreSQL, joined into one
 * command ring by {@code battles.cluster.members} (docs/operations.md). The requests of two
 * historical battles are spread over all three nodes: created on one, joined on the next, started
 * and stepped from the others in turn, orders sent to yet another. Each battle ends with a
 * matching audit and the same results on every node, and every node saw the ring of three.
 *
 * <p>The database is one embedded PostgreSQL that this test starts and the three nodes share
 * through {@code battles.db.url}, as they would share CI's or production's standalone server.
 * A resource made on one node and used on another is sent again while it answers 404 (the
 * barrier covers the caller's own writes; a write of the same owner routed elsewhere a moment
 * before may still be on its way into that node's read model).
 */
class ThreeNodeClusterIT {

    private static final String DAY = "2022-11-09";
    private static final Path BTC_FILE = HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-" + DAY + ".csv");
    private static final Path ETH_FILE = HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-" + DAY + ".csv");
    private static final String ADMIN_KEY = "cluster-admin";
    private static final int STEPS = 1440;
    private static final Duration CROSS_NODE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    private EmbeddedPostgres postgres;
    private final List<ServerProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        nodes.forEach(ServerProcess::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoHistoricalBattlesSpreadOverThreeNodesEndAlikeEverywhere() throws Exception {
        startRing(3);
        try {
            playTwoBattles();
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

    private void playTwoBattles() throws Exception {
        int[] ports = nodes.stream().mapToInt(ServerProcess::port).toArray();
        var upload = new ApiClient(ports[0]).withHeader("X-Admin-Key", ADMIN_KEY)
                .upload("/admin/candles/import", "file", List.of(BTC_FILE, ETH_FILE));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);

        BattleApiClient.Account owner = register(ports[0], ports[1], "Cluster owner");
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
                BattleApiClient api = owner.jwt().onPort(ports[node]);
                int n = node;
                await().atMost(CROSS_NODE).untilAsserted(() -> {
                    JsonNode answer = api.get("/battles/" + battleId + "/results").expect(200).body();
                    assertThat(answer.get("status").asText()).isEqualTo("completed");
                    assertThat(answer.get("rankings")).hasSize(2);
                    results[n] = answer.get("rankings").toString() + answer.get("rankings_digest").asText();
                });
                JsonNode audit = api.get("/battles/" + battleId + "/audit").expect(200).body();
                assertThat(audit.get("matches").asBoolean()).as("audit on node %d: %s", node, audit).isTrue();
            }
            assertThat(results[1]).as("results of node 2").isEqualTo(results[0]);
            assertThat(results[2]).as("results of node 3").isEqualTo(results[0]);
        }
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

    private void startRing(int size) throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        String dbUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String jwtSecret = Base64.getEncoder().encodeToString(key);
        List<Integer> ringPorts = IntStream.range(0, size).mapToObj(i -> freePort()).toList();
        String members = String.join(",", ringPorts.stream().map(port -> "127.0.0.1:" + port).toList());

        // the first node migrates the schema; the others start beside each other
        nodes.add(startNode(0, dbUrl, jwtSecret, members, ringPorts.get(0)));
        List<CompletableFuture<ServerProcess>> others = IntStream.range(1, size).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> startNode(i, dbUrl, jwtSecret, members, ringPorts.get(i)))).toList();
        others.forEach(node -> nodes.add(node.join()));

        for (ServerProcess node : nodes) {
            await().atMost(Duration.ofSeconds(60)).until(() -> ringSize(node.port()) == size);
        }
    }

    private ServerProcess startNode(int index, String dbUrl, String jwtSecret, String members, int ringPort) {
        return ServerProcess.start(root.resolve("node-" + index), "--battles.admin-key=" + ADMIN_KEY,
                "--battles.db.url=" + dbUrl, "--battles.db.user=postgres", "--battles.jwt.secret=" + jwtSecret,
                "--battles.cluster.members=" + members, "--battles.cluster.bind-port=" + ringPort,
                "--battles.cluster.bind-addr=127.0.0.1", "--battles.cluster.node-name=node-" + (index + 1));
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
}
