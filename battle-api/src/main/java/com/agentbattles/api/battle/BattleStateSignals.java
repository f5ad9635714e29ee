package com.agentbattles.api.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.query.battle.BattleProjection;
import com.agentbattles.query.battle.BattleTradingProjection;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tells waiting long polls ({@code GET /battles/{id}/state?after_step=}) that a battle's view
 * changed. The signals are handlers in the processing groups of the read models the state is
 * read from, and fire after their batch has committed: a woken waiter reads the step (or the
 * finish) it was woken for. Nobody sleeps or polls: a request waits on its DeferredResult until a
 * signal or its timeout. A signal only wakes; the waiter reads the state again and decides.
 */
@Component
public class BattleStateSignals {

    private final Map<String, Set<Runnable>> waiters = new ConcurrentHashMap<>();
    /** Woken waiters read the read model here, off the processor threads that signalled them. */
    private final ExecutorService readers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "battle-state-long-poll");
        thread.setDaemon(true);
        return thread;
    });

    /** Calls {@code onChange} (on a reader thread) after each change of the battle, until the returned handle runs. */
    public Runnable listen(String battleId, Runnable onChange) {
        Runnable waiter = () -> readers.execute(onChange);
        waiters.computeIfAbsent(battleId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        return () -> waiters.computeIfPresent(battleId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many long polls wait on the battle now (tests wait for one before stepping). */
    int waiting(String battleId) {
        Set<Runnable> set = waiters.get(battleId);
        return set == null ? 0 : set.size();
    }

    /** Wakes the battle's waiters once the current batch has committed (at once outside one). */
    void changed(String battleId) {
        if (!waiters.containsKey(battleId)) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            String key = BattleStateSignals.class.getName() + "#" + battleId;
            // one wake per battle and batch, however many steps the batch holds
            if (root.resources().putIfAbsent(key, Boolean.TRUE) == null) {
                root.afterCommit(u -> wake(battleId));
            }
        } else {
            wake(battleId);
        }
    }

    private void wake(String battleId) {
        Set<Runnable> set = waiters.get(battleId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    @PreDestroy
    void shutdown() {
        readers.shutdownNow();
    }

    /** The clock moved (the trading read models have the step). */
    @Component
    @ProcessingGroup(BattleTradingProjection.NAME)
    @DisallowReplay
    static class ClockSignal {
        private final BattleStateSignals signals;

        ClockSignal(BattleStateSignals signals) {
            this.signals = signals;
        }

        @EventHandler
        void on(BattleStepped event) {
            signals.changed(event.battleId());
        }

        @EventHandler
        void on(LiveSnapshotTaken event) {
            signals.changed(event.battleId());
        }
    }

    /** The battle finished (the battle read model has its status). */
    @Component
    @ProcessingGroup(BattleProjection.NAME)
    @DisallowReplay
    static class StatusSignal {
        private final BattleStateSignals signals;

        StatusSignal(BattleStateSignals signals) {
            this.signals = signals;
        }

        @EventHandler
        void on(BattleStopped event) {
            signals.changed(event.battleId());
        }

        @EventHandler
        void on(BattleCancelled event) {
            signals.changed(event.battleId());
        }
    }
}
