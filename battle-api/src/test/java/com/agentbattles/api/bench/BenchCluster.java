package com.agentbattles.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * N packaged servers ({@code java -jar battle-api.jar}, one JVM each) on one fresh PostgreSQL, for
 * {@link ClusterLoadDriver}: the embedded one started here, or a new database made on the server
 * of {@code BATTLES_DB_URL} (dropped again at the end), so that every run starts from an empty
 * log with the segments of its own ring size. One node runs as the default deployment does (no
 * ring); more nodes get the member list, a shared JWT key and a ring port each, as
 * docs/operations.md describes. Each node's output goes to {@code node-i.log} under the root.
 *
 * <p>Not the integration tests' {@code ServerProcess}: that one pins the live feed to {@code none}
 * and runs the JIT at C1 only to start quickly, both wrong for throughput figures.
 */
final class BenchCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final List<Node> nodes = new ArrayList<>();
    private EmbeddedPostgres embedded;
    private String externalAdminUrl;
    private String externalDatabase;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;

    /** One server JVM: its HTTP port and its process. */
    record Node(int port, Process process, Path log) {
        String base() {
            return "http://localhost:" + port + "/api/v1";
        }
    }

    static {
        // the embedded PostgreSQL's start and stop at INFO would bury the figures
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private BenchCluster() {
    }

    /**
     * Starts a fresh database and {@code size} nodes on it (the first alone, so that it migrates
     * the schema, the others beside each other), each with {@code properties} as well, and waits
     * until every node answers its health and, in a ring, sees all members.
     */
    static BenchCluster start(int size, Path jar, Path root, String nodeHeap, List<String> properties) throws Exception {
        BenchCluster cluster = new BenchCluster();
        try {
            cluster.openDatabase(size);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String jwtSecret = Base64.getEncoder().encodeToString(key);
            List<Integer> ringPorts = IntStream.range(0, size).mapToObj(i -> freePort()).toList();
            String members = String.join(",", ringPorts.stream().map(port -> "127.0.0.1:" + port).toList());
            List<List<String>> commands = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                        "-Xms" + nodeHeap, "-Xmx" + nodeHeap, "-jar", jar.toString(),
                        "--battles.data-dir=" + root.resolve("node-" + (i + 1)), "--battles.db.url=" + cluster.dbUrl,
                        "--battles.db.user=" + cluster.dbUser, "--battles.db.password=" + cluster.dbPassword,
                        "--battles.jwt.secret=" + jwtSecret, "--logging.level.root=WARN"));
                if (size > 1) {
                    command.addAll(List.of("--battles.cluster.members=" + members,
                            "--battles.cluster.bind-port=" + ringPorts.get(i), "--battles.cluster.bind-addr=127.0.0.1",
                            "--battles.cluster.node-name=node-" + (i + 1)));
                }
                command.addAll(properties);
                commands.add(command);
            }
            cluster.nodes.add(launch(commands.get(0), root.resolve("node-1.log")));
            List<CompletableFuture<Node>> others = IntStream.range(1, size).mapToObj(i -> CompletableFuture.supplyAsync(
                    () -> launch(commands.get(i), root.resolve("node-" + (i + 1) + ".log")))).toList();
            for (CompletableFuture<Node> other : others) {
                cluster.nodes.add(other.join());
            }
            if (size > 1) {
                for (Node node : cluster.nodes) {
                    awaitUntil(() -> ringSize(node) == size, Duration.ofSeconds(60), "node on port " + node.port()
                            + " never saw a ring of " + size);
                }
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Where the database is, for the report. */
    String database() {
        return embedded != null ? "embedded PostgreSQL (port " + embedded.getPort() + ")" : dbUrl;
    }

    /** CPU time the nodes' JVMs have used so far, each. */
    long[] nodeCpuNanos() {
        return nodes.stream().mapToLong(node -> cpuNanos(node.process().toHandle())).toArray();
    }

    /**
     * CPU time of the embedded PostgreSQL (postmaster and every backend) so far; empty for an
     * external server, whose processes this driver cannot see.
     */
    Optional<Long> postgresCpuNanos() {
        if (embedded == null) {
            return Optional.empty();
        }
        String port = Integer.toString(embedded.getPort());
        return ProcessHandle.allProcesses().filter(process -> {
            String[] args = process.info().arguments().orElse(new String[0]);
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("-p") && args[i + 1].equals(port)) {
                    return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
                }
            }
            return false;
        }).findFirst().map(postmaster -> cpuNanos(postmaster)
                + postmaster.descendants().mapToLong(BenchCluster::cpuNanos).sum());
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.process().destroy();
        }
        for (Node node : nodes) {
            try {
                if (!node.process().waitFor(1, TimeUnit.MINUTES)) {
                    node.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.process().destroyForcibly();
            }
        }
        nodes.clear();
        try {
            if (embedded != null) {
                embedded.close();
            }
            if (externalDatabase != null) {
                try (Connection connection = DriverManager.getConnection(externalAdminUrl, dbUser, dbPassword);
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + externalDatabase);
                }
            }
        } catch (IOException | SQLException e) {
            System.err.println("could not drop the bench database: " + e);
        }
    }

    private void openDatabase(int size) throws IOException, SQLException {
        String url = System.getenv("BATTLES_DB_URL");
        if (url == null || url.isBlank()) {
            // 21 connections per node (docs/operations.md) and the driver's own
            embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            dbUrl = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
            dbUser = "postgres";
            dbPassword = "";
            return;
        }
        dbUser = Optional.ofNullable(System.getenv("BATTLES_DB_USER")).orElse("postgres");
        dbPassword = Optional.ofNullable(System.getenv("BATTLES_DB_PASSWORD")).orElse("");
        externalAdminUrl = url;
        externalDatabase = "battles_bench_" + size + "n_" + System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(url, dbUser, dbPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + externalDatabase);
        }
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        dbUrl = path.substring(0, path.lastIndexOf('/') + 1) + externalDatabase + (query < 0 ? "" : url.substring(query));
    }

    private static Node launch(List<String> command, Path log) {
        int port = freePort();
        List<String> withPort = new ArrayList<>(command);
        withPort.add(5, "--server.port=" + port);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(withPort).redirectErrorStream(true).redirectOutput(log.toFile());
            // the database and settings named on the command line, whatever the surrounding shell exports
            builder.environment().keySet().removeIf(name -> name.startsWith("BATTLES_"));
            Node node = new Node(port, builder.start(), log);
            awaitUntil(() -> {
                if (!node.process().isAlive()) {
                    throw new IllegalStateException("node exited with " + node.process().exitValue() + ", see " + log);
                }
                return status(node, "/actuator/health") == 200;
            }, STARTUP, "node on port " + port + " not healthy, see " + log);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int ringSize(Node node) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readTree(body).at("/components/commandRing/details/size").asInt(0);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int status(Node node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} every 100 ms until it holds; fails after {@code limit}. */
    static void awaitUntil(Condition condition, Duration limit, String failure) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!condition.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(failure);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
