package com.agentbattles.api.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer of a WebSocket session. Callers (the push processor, the heartbeat, replies to
 * the client) only enqueue, so none of them ever waits on a socket; one task at a time drains the
 * queue on the send executor, in order. A client that falls behind — more than
 * {@code bufferLimit} bytes waiting, or one send stuck longer than {@code sendTimeLimitMs} — is
 * disconnected: it loses its session, nobody else loses anything.
 *
 * <p>Spring's {@code ConcurrentWebSocketSessionDecorator} applies the same limits but lets the
 * caller that finds the session idle do the blocking write itself, which on a stalled socket is
 * the publisher; hence this outbox.
 */
final class SessionOutbox {

    private static final Logger log = LoggerFactory.getLogger(SessionOutbox.class);

    private final WebSocketSession session;
    private final Executor executor;
    private final int sendTimeLimitMs;
    private final int bufferLimit;
    private final Queue<WebSocketMessage<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the send under way started, 0 when none is. */
    private volatile long sendStartedAt;
    /** When the client was last heard from (any message, a pong frame or a pong message), System.nanoTime. */
    private volatile long heardAt = System.nanoTime();

    SessionOutbox(WebSocketSession session, Executor executor, int sendTimeLimitMs, int bufferLimit) {
        this.session = session;
        this.executor = executor;
        this.sendTimeLimitMs = sendTimeLimitMs;
        this.bufferLimit = bufferLimit;
    }

    WebSocketSession session() {
        return session;
    }

    String id() {
        return session.getId();
    }

    void heard() {
        heardAt = System.nanoTime();
    }

    /** How long the client has said nothing. */
    java.time.Duration silence() {
        return java.time.Duration.ofNanos(System.nanoTime() - heardAt);
    }

    boolean isOpen() {
        return !closed.get() && session.isOpen();
    }

    /** Enqueues a message; never blocks. A client already too far behind is disconnected instead. */
    void send(WebSocketMessage<?> message) {
        if (closed.get()) {
            return;
        }
        long started = sendStartedAt;
        if (started != 0 && System.currentTimeMillis() - started > sendTimeLimitMs) {
            close("a send has been stuck for more than " + sendTimeLimitMs + " ms");
            return;
        }
        if (queuedBytes.addAndGet(message.getPayloadLength()) > bufferLimit) {
            close("more than " + bufferLimit + " bytes waiting");
            return;
        }
        queue.add(message);
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) { // the executor is shutting down
                draining.set(false);
                close("send executor unavailable");
            }
        }
    }

    private void drain() {
        try {
            WebSocketMessage<?> message;
            while (!closed.get() && (message = queue.poll()) != null) {
                queuedBytes.addAndGet(-message.getPayloadLength());
                sendStartedAt = System.currentTimeMillis();
                try {
                    if (session.isOpen()) {
                        session.sendMessage(message);
                    }
                } catch (IOException | RuntimeException e) {
                    close("send failed: " + e.getMessage());
                } finally {
                    sendStartedAt = 0;
                }
            }
        } finally {
            draining.set(false);
            if (!closed.get() && !queue.isEmpty()) {
                schedule();
            }
        }
    }

    /** Disconnects the client; the close runs on the executor so that a stalled socket holds nobody. */
    void close(String why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        queuedBytes.set(0);
        log.debug("Dropping WebSocket session {}: {}", session.getId(), why);
        Runnable close = () -> {
            try {
                session.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        };
        try {
            executor.execute(close);
        } catch (RuntimeException e) {
            close.run();
        }
    }
}
