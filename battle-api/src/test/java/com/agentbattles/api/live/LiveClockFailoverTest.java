package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.AbstractPriceFeed;
import com.agentbattles.marketdata.feed.FeedHealth;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.battle.LiveBattleDirectory.RunningLiveBattle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import com.agentbattles.api.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' live clocks with real leases on the test's PostgreSQL: only the holder snapshots,
 * and when it stops (killed: it renews no more) the other takes over and goes on one interval
 * after the last snapshot in the log — neither repeating it nor skipping the next one.
 */
class LiveClockFailoverTest extends IntegrationTest {

    private static final Instant STARTED = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Long enough that a first, cold tick on a busy machine does not outlast it; short enough to wait out. */
    private static final Duration TTL = Duration.ofSeconds(2);

    @Autowired
    JdbcClient jdbc;

    private final MovableClock time = new MovableClock(STARTED.plus(INTERVAL));
    /** Which node took each snapshot, and when: what the battle's log would hold. */
    private final List<String> snapshots = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> lastInLog = new ConcurrentHashMap<>();

    @Test
    void onlyTheLeaseHolderSnapshotsAndTheOtherNodeTakesOverWhereTheLogLeftOff() {
        String leaseName = "test-live-clock-" + UUID.randomUUID();
        LiveBattleClock nodeA = clock(new ClusterLease(jdbc, leaseName, "node-a", TTL), "node-a");
        LiveBattleClock nodeB = clock(new ClusterLease(jdbc, leaseName, "node-b", TTL), "node-b");

        nodeA.runOnce();
        nodeB.runOnce();
        assertThat(snapshots).containsExactly("node-a@" + time.instant());

        time.advance(INTERVAL);
        nodeB.runOnce();
        nodeA.runOnce();
        assertThat(snapshots).hasSize(2).last().isEqualTo("node-a@" + time.instant());

        // node A is killed: its clock ticks no more. B ticks on and takes the lease once it has expired,
        // but the last snapshot (in the log) was just taken: nothing is due yet
        ClusterLease probe = new ClusterLease(jdbc, leaseName, "probe", TTL);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            nodeB.runOnce();
            return probe.holder().equals(Optional.of("node-b"));
        });
        assertThat(snapshots).hasSize(2);

        time.advance(INTERVAL);
        nodeB.runOnce();
        assertThat(snapshots).hasSize(3).last().isEqualTo("node-b@" + time.instant());
    }

    private LiveBattleClock clock(ClusterLease lease, String node) {
        SimpleCommandBus nodeBus = SimpleCommandBus.builder().build();
        nodeBus.subscribe(CaptureLiveSnapshot.class.getName(), message -> {
            CaptureLiveSnapshot command = (CaptureLiveSnapshot) message.getPayload();
            snapshots.add(node + "@" + command.at());
            lastInLog.put(command.battleId(), command.at());
            return null;
        });
        LiveBattleDirectory directory = new LiveBattleDirectory(null) {
            @Override
            public List<RunningLiveBattle> running() {
                return List.of(new RunningLiveBattle("battle-1", STARTED, STARTED.plus(Duration.ofHours(1)),
                        List.of("BTCUSDT")));
            }
        };
        LiveBattleProperties properties = new LiveBattleProperties(INTERVAL, Duration.ofMillis(100),
                Duration.ofHours(1), true, TTL);
        AbstractPriceFeed feed = new AbstractPriceFeed() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public FeedHealth health() {
                return new FeedHealth(true, Map.of());
            }
        };
        return new LiveBattleClock(directory, DefaultCommandGateway.builder().commandBus(nodeBus).build(),
                new LiveMarket(feed, new MarketDataProperties(), properties), properties, time,
                new SimpleMeterRegistry(), lease, new LiveSnapshotLog(null, null) {
                    @Override
                    public Optional<Instant> lastTakenAt(String battleId) {
                        return Optional.ofNullable(lastInLog.get(battleId));
                    }
                });
    }
}
