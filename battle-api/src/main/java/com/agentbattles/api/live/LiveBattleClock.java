package com.agentbattles.api.live;

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
 * its deadline has come; the aggregate then values, eliminates and ends on its own. The clock
 * keeps no state worth saving: after a restart the first tick snapshots every running battle
 * and a deadline that passed meanwhile ends its battle at once (recorded at the deadline).
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
    /** When each battle was last snapshotted by this server (in memory only). */
    private final Map<String, Instant> lastSnapshot = new ConcurrentHashMap<>();
    private final Counter failures;

    public LiveBattleClock(LiveBattleDirectory directory, CommandGateway commands, LiveMarket market,
                           LiveBattleProperties properties, Clock clock, MeterRegistry registry) {
        super("live-battle-clock");
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
            List<RunningLiveBattle> running = directory.running();
            Set<String> seen = new HashSet<>();
            Instant now = clock.instant();
            for (RunningLiveBattle battle : running) {
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
        // the first snapshot comes one interval after the start; after a restart that is long past, so at once
        Instant last = lastSnapshot.getOrDefault(battle.battleId(), battle.startedAt());
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
}
