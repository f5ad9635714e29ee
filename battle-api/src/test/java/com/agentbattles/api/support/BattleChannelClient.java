package com.agentbattles.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real client of {@code /ws/v1}: it keeps every message the server sends, in order, both as a
 * queue to take the next one from (with a deadline) and as the whole history. It answers the
 * server's heartbeat {@code {"type": "ping"}} with {@code {"type": "pong"}}, as the agentexchange
 * SDK does, and counts the pings instead of queueing them.
 */
public final class BattleChannelClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> unread = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private WebSocket socket;
    /** One send at a time, as java.net.http.WebSocket demands (the pongs go out from the listener). */
    private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ws-test-client-send");
        thread.setDaemon(true);
        return thread;
    });

    private BattleChannelClient() {
    }

    /** Connects with the given query ({@code token=…} or {@code api_key=…}); a refused handshake throws. */
    public static BattleChannelClient connect(int port, String query) {
        BattleChannelClient client = new BattleChannelClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/ws/v1?" + query), client)
                .join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                if (message.path("type").asText().equals("ping") && message.size() == 1) {
                    pings.incrementAndGet();
                    sender.execute(() -> webSocket.sendText("{\"type\":\"pong\"}", true).join());
                } else {
                    received.add(message);
                    unread.add(message);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** How many heartbeat pings the server sent (each answered with a pong). */
    public int pingsAnswered() {
        return pings.get();
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    public void send(Object message) {
        try {
            String text = JSON.writeValueAsString(message);
            sender.submit(() -> socket.sendText(text, true).join()).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /** Subscribes to a battle and waits for the server's confirmation. */
    public void subscribe(String battleId) {
        send(java.util.Map.of("action", "subscribe", "channel", "battle", "battle_id", battleId));
        nextOfType("subscribed");
    }

    public JsonNode next() {
        try {
            JsonNode message = unread.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + DEADLINE).isNotNull();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next unread message of this type, skipping others; fails after the deadline. */
    public JsonNode nextOfType(String type) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode message = unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message != null && message.path("type").asText().equals(type)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no " + type + " message within " + DEADLINE);
    }

    /** The battle messages so far in arrival order; a status message is named with its new status. */
    public List<String> battleMessageTypes() {
        List<String> types = new ArrayList<>();
        for (JsonNode message : received) {
            String type = message.path("type").asText();
            if (type.equals("battle:status")) {
                types.add(type + ":" + message.path("data").path("status").asText());
            } else if (type.startsWith("battle:")) {
                types.add(type);
            }
        }
        return types;
    }

    /** The data of every message of this type so far. */
    public List<JsonNode> dataOf(String type) {
        return received.stream().filter(m -> type.equals(m.path("type").asText())).map(m -> m.path("data")).toList();
    }

    @Override
    public void close() {
        try {
            sender.submit(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join())
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // already closed by the server
        } finally {
            sender.shutdown();
        }
    }
}
