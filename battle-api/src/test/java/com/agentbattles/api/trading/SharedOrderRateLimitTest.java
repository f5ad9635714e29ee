package com.agentbattles.api.trading;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.agentbattles.api.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes' rate limiters on the test's PostgreSQL share one budget per agent: the orders an
 * agent sends to either count against the same minute, counted by the second.
 */
class SharedOrderRateLimitTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void ordersSentToTwoNodesCountAgainstOneMinuteOfTheAgent() {
        OrderRateLimiter nodeA = new OrderRateLimiter(jdbc, clock, 3);
        OrderRateLimiter nodeB = new OrderRateLimiter(jdbc, clock, 3);
        String agent = "agent-" + UUID.randomUUID();

        nodeA.acquire(agent);
        clock.advance(Duration.ofSeconds(10));
        nodeB.acquire(agent);
        nodeA.acquire(agent);

        clock.advance(Duration.ofSeconds(5));
        // the first order, 15 s ago, leaves the window in 45 s
        assertThatThrownBy(() -> nodeB.acquire(agent)).isInstanceOfSatisfying(DomainException.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
            assertThat(refused.details()).containsEntry("retry_after_seconds", 45L).containsEntry("limit_per_minute", 3);
        });
        assertThatThrownBy(() -> nodeA.acquire(agent)).isInstanceOf(DomainException.class);
        // another agent has its own budget
        nodeB.acquire("agent-" + UUID.randomUUID());

        clock.advance(Duration.ofSeconds(45));
        nodeB.acquire(agent); // the first order has left the minute: one place again
        assertThatThrownBy(() -> nodeA.acquire(agent)).isInstanceOf(DomainException.class);
    }

    @Test
    void aFullMinuteOfTheDefaultLimitRefusesTheNextOrderUntilTheFirstLeaves() {
        OrderRateLimiter nodeA = new OrderRateLimiter(jdbc, clock, 100);
        OrderRateLimiter nodeB = new OrderRateLimiter(jdbc, clock, 100);
        String agent = "agent-" + UUID.randomUUID();
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? nodeA : nodeB).acquire(agent);
            clock.advance(Duration.ofMillis(500));
        }
        // 100 orders in the last 50 s, the first of them 50 s ago: it leaves the window in 10 s
        assertThatThrownBy(() -> nodeA.acquire(agent)).isInstanceOfSatisfying(DomainException.class, refused ->
                assertThat(refused.details()).containsEntry("retry_after_seconds", 10L).containsEntry("limit_per_minute", 100));
        clock.advance(Duration.ofSeconds(10));
        // the minute is counted by the second: both orders of its first second leave together
        nodeB.acquire(agent);
        nodeA.acquire(agent);
        assertThatThrownBy(() -> nodeB.acquire(agent)).isInstanceOf(DomainException.class);
    }

    @Test
    void anOrderCountsUntilTheSecondItWasSentInIsAMinuteOld() {
        OrderRateLimiter limiter = new OrderRateLimiter(jdbc, clock, 1);
        String agent = "agent-" + UUID.randomUUID();
        clock.advance(Duration.ofMillis(300));
        limiter.acquire(agent); // counted in second 0

        clock.advance(Duration.ofMillis(700)); // second 1
        assertThatThrownBy(() -> limiter.acquire(agent)).isInstanceOfSatisfying(DomainException.class, refused ->
                assertThat(refused.details()).containsEntry("retry_after_seconds", 59L));
        clock.advance(Duration.ofMillis(58_999)); // 59.999 s
        assertThatThrownBy(() -> limiter.acquire(agent)).isInstanceOfSatisfying(DomainException.class, refused ->
                assertThat(refused.details()).containsEntry("retry_after_seconds", 1L));
        clock.advance(Duration.ofMillis(1)); // second 60: second 0 has left the minute
        limiter.acquire(agent);
    }

    @Test
    void anAgentWithinTheLimitIsNeverRefusedAndItsRowHoldsOnlyTheLastMinute() {
        OrderRateLimiter nodeA = new OrderRateLimiter(jdbc, clock, 10);
        OrderRateLimiter nodeB = new OrderRateLimiter(jdbc, clock, 10);
        String agent = "agent-" + UUID.randomUUID();
        for (int i = 0; i < 300; i++) { // one order every 6 s for half an hour: 10 a minute
            (i % 2 == 0 ? nodeA : nodeB).acquire(agent);
            clock.advance(Duration.ofSeconds(6));
        }
        Integer buckets = jdbc.sql("SELECT cardinality(seconds) FROM order_rate_window WHERE agent_id = ?")
                .param(agent).query(Integer.class).single();
        assertThat(buckets).isEqualTo(10);
    }

    @Test
    void concurrentOrdersThroughTwoNodesNeverExceedTheLimit() throws Exception {
        OrderRateLimiter nodeA = new OrderRateLimiter(jdbc, clock, 50);
        OrderRateLimiter nodeB = new OrderRateLimiter(jdbc, clock, 50);
        String agent = "agent-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> orders = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                OrderRateLimiter node = i % 2 == 0 ? nodeA : nodeB;
                orders.add(threads.submit(() -> {
                    try {
                        node.acquire(agent);
                        return true;
                    } catch (DomainException refused) {
                        return false;
                    }
                }));
            }
            long accepted = 0;
            for (Future<Boolean> order : orders) {
                if (order.get(30, TimeUnit.SECONDS)) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(50);
        } finally {
            threads.shutdownNow();
        }
    }
}
