package com.agentbattles.api.trading;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;

/**
 * The spec's order rate of live trading: at most {@code battles.trading.orders-per-minute}
 * (default 100) order requests per agent in any minute, whichever node receives them. The minute
 * is the current second and the 59 before it (one-second resolution): {@code order_rate_window}
 * holds, per agent, how many orders each of those seconds counted, so a row never has more than
 * 60 entries whatever the limit. Counting an order is one atomic upsert: under the row's lock it
 * drops the seconds that left the window and adds one to the current second only while the
 * seconds still in it count fewer than the limit, so two nodes can never both take the last place.
 * A refusal reads the oldest second still counted to say when a place frees up.
 */
@Component
public class OrderRateLimiter {

    static final int WINDOW_SECONDS = 60;

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
        long second = Math.floorDiv(clock.millis(), 1000);
        long oldest = second - (WINDOW_SECONDS - 1);
        // Grouping by second (rather than appending) keeps the row ordered even when a node whose
        // clock is slightly behind counts into a second another node already passed.
        boolean counted = jdbc.sql("""
                        INSERT INTO order_rate_window AS w (agent_id, seconds, counts)
                        VALUES (:agent, ARRAY[CAST(:second AS bigint)], ARRAY[1])
                        ON CONFLICT (agent_id) DO UPDATE
                        SET (seconds, counts) = (
                            SELECT array_agg(s ORDER BY s), array_agg(c ORDER BY s)
                            FROM (SELECT s, CAST(sum(c) AS int) AS c
                                  FROM (SELECT b.s, b.c FROM unnest(w.seconds, w.counts) AS b(s, c) WHERE b.s >= :oldest
                                        UNION ALL SELECT CAST(:second AS bigint), 1) AS kept
                                  GROUP BY s) AS buckets)
                        WHERE (SELECT coalesce(sum(b.c), 0) FROM unnest(w.seconds, w.counts) AS b(s, c)
                               WHERE b.s >= :oldest) < :limit
                        RETURNING true""")
                .param("agent", agentId).param("second", second).param("oldest", oldest).param("limit", limit)
                .query(Boolean.class).optional().isPresent();
        if (!counted) {
            throw refused(agentId, second, oldest);
        }
    }

    private DomainException refused(String agentId, long second, long oldest) {
        long oldestCounted = jdbc.sql("""
                        SELECT min(b.s) FROM order_rate_window, unnest(seconds, counts) AS b(s, c)
                        WHERE agent_id = ? AND b.s >= ?""")
                .params(agentId, oldest)
                .query(Long.class).optional().orElse(second);
        // the oldest counted second leaves the window when the clock reaches oldestCounted + 60
        long seconds = Math.max(1, oldestCounted + WINDOW_SECONDS - second);
        return new DomainException(ErrorCode.RATE_LIMIT_EXCEEDED,
                "at most " + limit + " orders per minute; retry in " + seconds + " s",
                Map.of("limit_per_minute", limit, "retry_after_seconds", seconds));
    }
}
