package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.agentbattles.domain.battle.LiveBattleCommands.CaptureLiveSnapshot;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.battle.LiveBattleDirectory.RunningLiveBattle;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time source of live battles. Every tick it asks the read model which live battles run
 * and sends each a {@link CaptureLiveSnapshot} when one is due (every snapshot interval) or when
 * its deadline has come; the aggregate then values, eliminates and ends on its own.
 * <p>
 * One node of a cluster at a time runs it: each tick first renews (or tries to take) the clock's
 * {@link ClusterLease}, and a node without it does nothing. When the holder dies its lease
 * expires and the next node to tick takes over. The clock keeps no state worth saving: when
 * it was last snapshotted is read from the event log for every battle the clock has not
 * snapshotted itself since it took over ({@link LiveSnapshotLog}), so a takeover or restart
 * neither repeats nor skips a snapshot, and a deadline that passed meanwhile ends its battle at
 * once (recorded at the deadline).
 */
@Component
@ConditionalOnWebApplication // a server drives live battles; a command-line run never does
public class LiveBattleClock extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(LiveBattleClock.class);

    private final LiveBattleDirectory directory;
    private final CommandGateway commands;
    private final LiveMarket market;
    private final LiveBattleProperties properties;
    private final Clock clock;
    private final ClusterLease lease;
    private final LiveSnapshotLog snapshots;
    /** When each battle was last snapshotted, since this node holds the lease: the log's word, then its own. */
    private final Map<String, Instant> lastSnapshot = new ConcurrentHashMap<>();
    private final Counter failures;

    public LiveBattleClock(LiveBattleDirectory directory, CommandGateway commands, LiveMarket market,
                           LiveBattleProperties properties, Clock clock, MeterRegistry registry,
                           ClusterLease liveClockLease, LiveSnapshotLog snapshots) {
        super("live-battle-clock");
        this.lease = liveClockLease;
        this.snapshots = snapshots;
        this.failures = Counter.builder("battles.live.snapshot.failures")
                .description("Live snapshots the clock could not record (retried at the next tick), all battles")
                .register(registry);
        this.directory = directory;
        this.commands = commands;
        this.market = market;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        try {
            if (!holdsLease()) {
                return;
            }
            List<RunningLiveBattle> running = directory.running();
            Set<String> seen = new HashSet<>();
            Instant now = clock.instant();
            for (RunningLiveBattle battle : running) {
                if (!lease.keepHeld()) {
                    return; // the lease was lost mid-tick: the rest is for whoever holds it now
                }
                seen.add(battle.battleId());
                if (due(battle, now)) {
                    snapshot(battle, now);
                }
            }
            lastSnapshot.keySet().retainAll(seen);
        } catch (RuntimeException e) {
            // the next tick tries again; a clock that dies would silently freeze every live battle
            log.warn("live battle clock tick failed: {}", e.toString());
        }
    }

    /** Renews the clock's lease, or takes it; what another holder did is then only in the log. */
    private boolean holdsLease() {
        var holding = lease.acquireOrRenew();
        if (holding.isEmpty() || holding.get().takenOver()) {
            lastSnapshot.clear();
        }
        if (holding.isPresent() && holding.get().takenOver()) {
            log.info("live battle clock runs on this node now (lease epoch {})", holding.get().epoch());
        }
        return holding.isPresent();
    }

    /**
     * One battle's snapshot, on its own: a battle whose command fails is logged and counted and
     * tried again next tick, and the battles after it in this tick still get theirs.
     */
    private void snapshot(RunningLiveBattle battle, Instant now) {
        try {
            market.follow(battle.pairs());
            commands.sendAndWait(new CaptureLiveSnapshot(battle.battleId(), market.quotes(), now));
            lastSnapshot.put(battle.battleId(), now);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("live snapshot of battle {} failed (retried next tick): {}", battle.battleId(), e.toString());
        }
    }

    private boolean due(RunningLiveBattle battle, Instant now) {
        if (battle.deadline() != null && !now.isBefore(battle.deadline())) {
            return true;
        }
        // the first snapshot comes one interval after the start, the next one interval after the last one
        Instant last = lastSnapshot.computeIfAbsent(battle.battleId(),
                id -> snapshots.lastTakenAt(id).orElse(battle.startedAt()));
        return !now.isBefore(last.plus(properties.snapshotInterval()));
    }

    @Override
    protected Duration delay() {
        return properties.clockTick();
    }

    @Override
    public void start() {
        if (!properties.clockEnabled()) {
            log.info("live battle clock disabled on this node (battles.live.clock-enabled=false)");
            return;
        }
        super.start();
    }

    @Override
    protected void onStop() {
        try {
            lease.release(); // the next node takes over at its next tick instead of after the lease's expiry
        } catch (RuntimeException e) {
            log.warn("could not release the live clock's lease (it expires on its own): {}", e.toString());
        }
    }
}
