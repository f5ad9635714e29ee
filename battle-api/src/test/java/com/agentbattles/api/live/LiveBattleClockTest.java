package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.AbstractPriceFeed;
import com.agentbattles.marketdata.feed.FeedHealth;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.battle.LiveBattleDirectory.RunningLiveBattle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live clock with its collaborators played by the test: the read model's running battles,
 * a command bus in place of the aggregates, a fixed clock, the clock's lease and the log's last
 * snapshots. Ticks run when the test calls {@code runOnce()}.
 */
class LiveBattleClockTest {

    private static final Instant STARTED = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(30);

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final List<String> snapshotted = new ArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestLease lease = new TestLease();
    /** The newest LiveSnapshotTaken of each battle in the log (none: never snapshotted). */
    private final Map<String, Instant> loggedSnapshots = new ConcurrentHashMap<>();

    @Test
    void aBattleWhoseSnapshotFailsDoesNotKeepTheOthersFromTheirsAndIsTriedAgain() {
        bus.subscribe(CaptureLiveSnapshot.class.getName(), message -> {
            String battleId = ((CaptureLiveSnapshot) message.getPayload()).battleId();
            if (failing.contains(battleId)) {
                throw new LockAcquisitionFailedException("Failed to acquire lock for aggregate identifier " + battleId);
            }
            snapshotted.add(battleId);
            return null;
        });
        failing.add("battle-stuck");
        // the failing one comes first: before, its failure ended the tick for every battle after it
        LiveBattleClock clock = clock(List.of(running("battle-stuck"), running("battle-ok")));

        clock.runOnce();

        assertThat(snapshotted).containsExactly("battle-ok");
        assertThat(registry.get("battles.live.snapshot.failures").counter().count()).isEqualTo(1);

        failing.clear();
        clock.runOnce();
        // still due (its snapshot never happened), while the other one's is not due again yet
        assertThat(snapshotted).containsExactly("battle-ok", "battle-stuck");
    }

    @Test
    void aNodeThatDoesNotHoldTheClocksLeaseSnapshotsNothing() {
        recordSnapshots();
        lease.held = false;
        LiveBattleClock clock = clock(List.of(running("battle-ok")));

        clock.runOnce();

        assertThat(snapshotted).isEmpty();
    }

    @Test
    void aClockThatTakesOverCountsTheNextSnapshotFromTheLastOneInTheLog() {
        recordSnapshots();
        // the previous holder snapshotted 2 s ago (the interval is 5 s): not due yet
        loggedSnapshots.put("battle-ok", NOW.minusSeconds(2));
        lease.takenOver = true;
        LiveBattleClock clock = clock(List.of(running("battle-ok")));

        clock.runOnce();
        assertThat(snapshotted).isEmpty();

        // it held the lease, lost it, and took it back after the other node snapshotted: the log counts again
        loggedSnapshots.put("battle-ok", NOW.minusSeconds(5));
        lease.takenOver = true;
        clock.runOnce();
        assertThat(snapshotted).containsExactly("battle-ok");
    }

    private void recordSnapshots() {
        bus.subscribe(CaptureLiveSnapshot.class.getName(), message -> {
            snapshotted.add(((CaptureLiveSnapshot) message.getPayload()).battleId());
            return null;
        });
    }

    private LiveBattleClock clock(List<RunningLiveBattle> running) {
        LiveBattleDirectory directory = new LiveBattleDirectory(null) {
            @Override
            public List<RunningLiveBattle> running() {
                return running;
            }
        };
        LiveBattleProperties properties = new LiveBattleProperties(Duration.ofSeconds(5), Duration.ofMillis(250),
                Duration.ofHours(1), true, Duration.ofSeconds(3));
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
        Clock now = Clock.fixed(NOW, ZoneOffset.UTC);
        return new LiveBattleClock(directory, DefaultCommandGateway.builder().commandBus(bus).build(),
                new LiveMarket(feed, new MarketDataProperties(), properties), properties, now, registry,
                lease, new LiveSnapshotLog(null, null) {
                    @Override
                    public Optional<Instant> lastTakenAt(String battleId) {
                        return Optional.ofNullable(loggedSnapshots.get(battleId));
                    }
                });
    }

    /** The clock's lease as the test says: held throughout unless the test takes it away. */
    private static final class TestLease extends ClusterLease {
        volatile boolean held = true;
        volatile boolean takenOver;

        TestLease() {
            super(null, "live-battle-clock", "the-test-node", Duration.ofSeconds(3));
        }

        @Override
        public Optional<Holding> acquireOrRenew() {
            boolean justTaken = takenOver;
            takenOver = false;
            return held ? Optional.of(new Holding(1, justTaken)) : Optional.empty();
        }

        @Override
        public boolean stillHeld() {
            return held;
        }

        @Override
        public boolean keepHeld() {
            return held;
        }
    }

    private static RunningLiveBattle running(String battleId) {
        return new RunningLiveBattle(battleId, STARTED, STARTED.plus(Duration.ofHours(1)), List.of("BTCUSDT"));
    }
}
