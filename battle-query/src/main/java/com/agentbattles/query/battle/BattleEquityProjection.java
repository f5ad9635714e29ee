package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.query.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each participant's standing inputs and equity curve: what its ROI is measured against and when
 * the loss limit eliminated it ({@code battle_standing}), and its equity at every step or live
 * snapshot ({@code battle_snapshot}); and each participant's {@code PerformanceTracker} after its
 * latest snapshot and fill, with that snapshot's equity ({@link StandingTrackers}), from which the
 * live standings are ranked. Part of the {@link BattleTradingProjection} group; it reads the
 * clock's {@code battle_progress} for a battle's starting balance, wallet mode and snapshot
 * spacing. Idempotent: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BattleEquityProjection {

    private static final String INSERT_STEP_SNAPSHOT = """
            INSERT INTO battle_snapshot (battle_id, step, agent_id, virtual_time, recorded_at, equity, roi_pct, trade_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String INSERT_LIVE_SNAPSHOT = """
            INSERT INTO battle_snapshot (battle_id, step, agent_id, virtual_time, recorded_at, equity, roi_pct, trade_count)
            VALUES (?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final StandingTrackers trackers;

    public BattleEquityProjection(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.trackers = new StandingTrackers(jdbc, batch);
    }

    @EventHandler
    void on(BattleStarted event) {
        List<Object[]> rows = new ArrayList<>();
        BigDecimal start = event.config().startingBalance();
        String tracker = StandingTrackers.fresh(start, StandingTrackers.spacing(event));
        for (int i = 0; i < event.agentIds().size(); i++) {
            // a live wallet's baseline is settled when it is provisioned (an existing wallet at cost)
            rows.add(new Object[]{event.battleId(), event.agentIds().get(i), i, start, tracker, start});
        }
        batch.batchUpdate("""
                INSERT INTO battle_standing (battle_id, agent_id, join_order, baseline, tracker, equity)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
    }

    @EventHandler
    void on(ParticipantWalletProvisioned event) {
        boolean existing = jdbc.sql("SELECT wallet_mode FROM battle_progress WHERE battle_id = ?")
                .param(event.battleId()).query(String.class).optional().map("existing"::equals).orElse(false);
        if (existing) {
            BigDecimal baseline = event.holdings().valueAtCost();
            // the tracker starts again from the new baseline; one already fed (not in an honest log,
            // where the wallet arrives before its first snapshot) or without a recorded spacing
            // drops its tracker, and the standings fold the snapshots against the new baseline
            List<Long> recorded = jdbc.sql("SELECT snapshot_interval_ms FROM battle_progress WHERE battle_id = ?")
                    .param(event.battleId()).query(Long.class).list();
            Long spacingMs = recorded.isEmpty() ? null : recorded.get(0);
            String tracker = StandingTrackers.fresh(baseline, spacingMs == null ? null : java.time.Duration.ofMillis(spacingMs));
            jdbc.sql("""
                            UPDATE battle_standing SET baseline = ?, equity = ?,
                                tracker = CASE WHEN valued_step < 0 AND filled_seq < 0 THEN CAST(? AS TEXT) END
                            WHERE battle_id = ? AND agent_id = ?""")
                    .params(baseline, baseline, tracker, event.battleId(), event.agentId()).update();
        }
    }

    /** Never provisioned, never valued: out of the standings (the roster still shows it, with its status). */
    @EventHandler
    void on(ParticipantNotProvisioned event) {
        jdbc.sql("DELETE FROM battle_standing WHERE battle_id = ? AND agent_id = ?")
                .params(event.battleId(), event.agentId()).update();
    }

    @EventHandler
    void on(ParticipantEliminated event) {
        jdbc.sql("UPDATE battle_standing SET eliminated_at = ? WHERE battle_id = ? AND agent_id = ?")
                .params(java.sql.Timestamp.from(event.eliminatedAt()), event.battleId(), event.agentId()).update();
    }

    /**
     * A live battle's snapshot: one row per valued participant at {@code takenAt}, with no virtual
     * time, roi_pct against each participant's own baseline.
     */
    @EventHandler
    void on(LiveSnapshotTaken event) {
        Map<String, BigDecimal> baselines = new LinkedHashMap<>();
        jdbc.sql("SELECT agent_id, baseline FROM battle_standing WHERE battle_id = ?").param(event.battleId())
                .query(rs -> {
                    baselines.put(rs.getString("agent_id"), rs.getBigDecimal("baseline"));
                });
        List<Object[]> rows = new ArrayList<>();
        java.sql.Timestamp takenAt = java.sql.Timestamp.from(event.takenAt());
        for (Valuation valuation : event.valuations()) {
            BigDecimal baseline = baselines.get(valuation.agentId());
            if (baseline == null) {
                continue; // not a participant of a started battle: cannot happen in an honest log
            }
            rows.add(new Object[]{event.battleId(), event.sequence(), valuation.agentId(), takenAt,
                    valuation.equity(), PerformanceTracker.roiPct(baseline, valuation.equity()), valuation.tradeCount()});
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate(INSERT_LIVE_SNAPSHOT, rows);
        }
        trackers.snapshot(event);
    }

    /** Steps are the bulk of a battle's log: a processor batch of them becomes one batched insert of snapshots. */
    @EventHandler
    void on(BattleStepped event, @Timestamp Instant recordedAt) {
        BatchWrites.record(this, Steps::new, steps -> steps.add(event, recordedAt), this::flush);
        trackers.snapshot(event);
    }

    /** A fill counts in its participant's trade statistics; its position in the log is its {@code battle_trade.seq}. */
    @EventHandler
    void on(OrderFilled event, TrackingToken token) {
        trackers.filled(event, token.position().orElse(0));
    }

    /** The steps of one processor batch, with when each was recorded. */
    private static final class Steps {
        final List<BattleStepped> steps = new ArrayList<>();
        final List<Instant> recorded = new ArrayList<>();
        final Set<String> battles = new LinkedHashSet<>();

        void add(BattleStepped event, Instant recordedAt) {
            steps.add(event);
            recorded.add(recordedAt);
            battles.add(event.battleId());
        }
    }

    private void flush(Steps steps) {
        Map<String, BigDecimal> startingBalances = new LinkedHashMap<>();
        for (String battleId : steps.battles) {
            startingBalances.put(battleId, jdbc.sql("SELECT starting_balance FROM battle_progress WHERE battle_id = ?")
                    .param(battleId).query(BigDecimal.class).optional().orElse(null));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < steps.steps.size(); i++) {
            BattleStepped event = steps.steps.get(i);
            BigDecimal start = startingBalances.get(event.battleId());
            if (start == null) {
                continue; // a step without a start cannot happen in an honest log; nothing to value against
            }
            for (Valuation valuation : event.valuations()) {
                rows.add(new Object[]{event.battleId(), event.step(), valuation.agentId(),
                        java.sql.Timestamp.from(event.virtualTime()), java.sql.Timestamp.from(steps.recorded.get(i)),
                        valuation.equity(), PerformanceTracker.roiPct(start, valuation.equity()), valuation.tradeCount()});
            }
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate(INSERT_STEP_SNAPSHOT, rows);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_snapshot").update();
        jdbc.sql("DELETE FROM battle_standing").update();
    }
}
