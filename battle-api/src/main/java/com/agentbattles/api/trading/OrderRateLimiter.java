package com.agentbattles.api.trading;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spec's order rate of live trading: at most {@code battles.trading.orders-per-minute}
 * (default 100) order requests per agent in any sliding minute. The window is per node and in
 * memory: behind a load balancer each node counts its own requests (docs/operations.md).
 */
@Component
public class OrderRateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int limit;
    private final Map<String, Deque<Instant>> windows = new ConcurrentHashMap<>();

    public OrderRateLimiter(Clock clock, @Value("${battles.trading.orders-per-minute:100}") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("battles.trading.orders-per-minute must be at least 1");
        }
        this.clock = clock;
        this.limit = limit;
    }

    /** Counts one order of {@code agentId}, or refuses it with {@code RATE_LIMIT_EXCEEDED} (429, Retry-After). */
    public void acquire(String agentId) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        Deque<Instant> window = windows.computeIfAbsent(agentId, id -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && !window.peekFirst().isAfter(windowStart)) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                Duration wait = Duration.between(windowStart, window.peekFirst());
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                throw new DomainException(ErrorCode.RATE_LIMIT_EXCEEDED,
                        "at most " + limit + " orders per minute; retry in " + seconds + " s",
                        Map.of("limit_per_minute", limit, "retry_after_seconds", seconds));
            }
            window.addLast(now);
        }
        if (windows.size() > 10_000) {
            windows.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(windowStart);
                }
            });
        }
    }
}
