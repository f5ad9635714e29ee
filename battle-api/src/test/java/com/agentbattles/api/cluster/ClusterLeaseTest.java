package com.agentbattles.api.cluster;

import com.agentbattles.api.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' holders of one lease on the test's PostgreSQL: exactly one holds it, and when that
 * one stops renewing (a node killed with SIGKILL releases nothing) the other takes it over once
 * it has expired.
 */
class ClusterLeaseTest extends IntegrationTest {

    private static final Duration TTL = Duration.ofMillis(1500);

    @Autowired
    JdbcClient jdbc;

    @Test
    void exactlyOneOfTwoNodesHoldsTheLeaseAndTheOtherTakesItOverWhenTheHolderStopsRenewing() {
        String name = "test-lease-" + UUID.randomUUID();
        ClusterLease nodeA = new ClusterLease(jdbc, name, "node-a", TTL);
        ClusterLease nodeB = new ClusterLease(jdbc, name, "node-b", TTL);

        var first = nodeA.acquireOrRenew();
        assertThat(first).isPresent();
        assertThat(first.get().takenOver()).isTrue();
        assertThat(nodeB.acquireOrRenew()).isEmpty();
        assertThat(nodeA.acquireOrRenew()).hasValueSatisfying(h -> assertThat(h.takenOver()).isFalse());
        assertThat(nodeA.stillHeld()).isTrue();
        assertThat(nodeB.stillHeld()).isFalse();
        assertThat(nodeA.holder()).contains("node-a");

        // node A dies: it renews no more; B keeps asking as its clock ticks
        long abandoned = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> nodeB.acquireOrRenew().isPresent());
        Duration failover = Duration.ofNanos(System.nanoTime() - abandoned);

        assertThat(failover).isGreaterThanOrEqualTo(TTL.minusMillis(50)).isLessThan(TTL.plusSeconds(2));
        assertThat(nodeB.holder()).contains("node-b");
        // A's own reckoning ran out before B could take over, and A cannot take the lease back
        assertThat(nodeA.stillHeld()).isFalse();
        assertThat(nodeA.acquireOrRenew()).isEmpty();
    }

    @Test
    void aHolderInALongRoundRenewsAsItGoesAndStopsOnceAnotherNodeHasHeldTheLease() {
        String name = "test-lease-" + UUID.randomUUID();
        ClusterLease nodeA = new ClusterLease(jdbc, name, "node-a", TTL);
        ClusterLease nodeB = new ClusterLease(jdbc, name, "node-b", TTL);
        assertThat(nodeA.acquireOrRenew()).isPresent();

        // a round of work longer than the lease: keepHeld() renews it on the way, B never gets it
        long roundEnds = System.nanoTime() + TTL.multipliedBy(2).toNanos();
        while (System.nanoTime() < roundEnds) {
            assertThat(nodeA.keepHeld()).isTrue();
            assertThat(nodeB.acquireOrRenew()).isEmpty();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }

        nodeA.release();
        assertThat(nodeB.acquireOrRenew()).isPresent();
        nodeB.release();
        assertThat(nodeA.acquireOrRenew()).isPresent(); // A's round had ended; A starts a new one, told it took over
        assertThat(nodeA.acquireOrRenew()).hasValueSatisfying(h -> assertThat(h.takenOver()).isFalse());
    }

    @Test
    void aHolderThatStopsGracefullyHandsTheLeaseOverAtOnce() {
        String name = "test-lease-" + UUID.randomUUID();
        ClusterLease nodeA = new ClusterLease(jdbc, name, "node-a", Duration.ofMinutes(1));
        ClusterLease nodeB = new ClusterLease(jdbc, name, "node-b", Duration.ofMinutes(1));
        assertThat(nodeA.acquireOrRenew()).isPresent();
        assertThat(nodeB.acquireOrRenew()).isEmpty();

        nodeA.release();

        var taken = nodeB.acquireOrRenew();
        assertThat(taken).hasValueSatisfying(h -> assertThat(h.takenOver()).isTrue());
        assertThat(taken.get().epoch()).isEqualTo(2);
        assertThat(nodeA.stillHeld()).isFalse();
    }
}
