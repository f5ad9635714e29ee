package com.agentbattles.api.trading;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The spec's order rate of live trading: at most {@code battles.trading.orders-per-minute}
 * (default 100) order requests per agent in any sliding minute, whichever node receives them.
 * The window lives in PostgreSQL ({@code order_rate_window}: the times of the agent's accepted
 * orders in the last minute), and counting an order is one atomic upsert: it drops the times
 * that left the window and appends this one only while fewer than the limit remain, under the
 * row's lock, so two nodes can never both take the last place. A refusal reads the oldest time
 * still in the window to say when a place frees up.
 */
@Component
public class OrderRateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int limit;

    public OrderRateLimiter(JdbcClient jdbc, Clock clock, @Value("${battles.trading.orders-per-minute:100}") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("battles.trading.orders-per-minute must be at least 1");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = limit;
    }

    /** Counts one order of {@code agentId}, or refuses it with {@code RATE_LIMIT_EXCEEDED} (429, Retry-After). */
    public void acquire(String agentId) {
        Instant now = clock.instant();
        Timestamp windowStart = Timestamp.from(now.minus(WINDOW));
        boolean counted = jdbc.sql("""
                        INSERT INTO order_rate_window AS w (agent_id, hits) VALUES (:agent, ARRAY[CAST(:now AS timestamptz)])
                        ON CONFLICT (agent_id) DO UPDATE
                        SET hits = ARRAY(SELECT h FROM unnest(w.hits) h WHERE h > CAST(:windowStart AS timestamptz) ORDER BY h) || CAST(:now AS timestamptz)
                        WHERE (SELECT count(*) FROM unnest(w.hits) h WHERE h > CAST(:windowStart AS timestamptz)) < :limit
                        RETURNING true""")
                .param("agent", agentId).param("now", Timestamp.from(now)).param("windowStart", windowStart)
                .param("limit", limit)
                .query(Boolean.class).optional().isPresent();
        if (!counted) {
            throw refused(agentId, now);
        }
    }

    private DomainException refused(String agentId, Instant now) {
        Instant oldest = jdbc.sql("""
                        SELECT min(h) FROM order_rate_window, unnest(hits) h
                        WHERE agent_id = ? AND h > ?""")
                .params(agentId, Timestamp.from(now.minus(WINDOW)))
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(now);
        Duration wait = Duration.between(now.minus(WINDOW), oldest);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new DomainException(ErrorCode.RATE_LIMIT_EXCEEDED,
                "at most " + limit + " orders per minute; retry in " + seconds + " s",
                Map.of("limit_per_minute", limit, "retry_after_seconds", seconds));
    }
}
