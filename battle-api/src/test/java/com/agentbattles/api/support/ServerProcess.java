package com.agentbattles.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged server in a JVM of its own, started as a user starts it
 * ({@code java -jar battle-api.jar --server.port=… --battles.data-dir=…}, no subcommand) on the
 * embedded PostgreSQL, so a test can kill it the way an OOM killer or a power cut would. The jar is
 * the one the package phase built (failsafe passes its path as {@code battles.server.jar}).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final String FEED = "--battles.market.feed";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The built server jar. */
    public static Path jar() {
        String jar = System.getProperty("battles.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no server jar at battles.server.jar=" + jar + " (run through ./mvnw verify)");
        }
        return Path.of(jar);
    }

    /**
     * Starts the server on a free port with its data in {@code dataDir} and waits until it answers.
     * Without a {@code --battles.market.feed=…} among the properties it has no feed (no network
     * here); a caller's own feed replaces that default rather than following it, since Spring joins
     * a repeated command-line property into one comma-separated value.
     */
    public static ServerProcess start(Path dataDir, String... properties) {
        int port = freePort();
        List<String> command = new ArrayList<>(java("--server.port=" + port, "--battles.data-dir=" + dataDir));
        if (Arrays.stream(properties).noneMatch(property -> property.startsWith(FEED + "="))) {
            command.add(FEED + "=none");
        }
        command.addAll(List.of(properties));
        try {
            Path log = Files.createTempFile(dataDir.getParent(), "server-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // the embedded database, whatever the surrounding run uses (CI also runs tests on an external one)
            builder.environment().keySet().removeIf(name -> name.startsWith("BATTLES_"));
            ServerProcess server = new ServerProcess(builder.start(), port, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -jar battle-api.jar ARGS} with the test JVM's java and no BATTLES_* environment. */
    public static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    public int port() {
        return port;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL of the server's JVM alone (Process.destroyForcibly on Linux): no shutdown hook runs. */
    public void killJvm() {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * SIGKILL of the JVM and every process it started (as a supervisor killing the process
     * group would), so nothing that watched the JVM survives it.
     */
    public void killProcessTree() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit();
    }

    /** The server's output, for failure messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** An orderly stop (SIGTERM: shutdown hooks run), killed if it takes longer than a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                killProcessTree();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killProcessTree();
        }
    }

    private void awaitHealthy() {
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
                }
                return health().filter(status -> status == 200).isPresent();
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private Optional<Integer> health() {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
