package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.query.support.BatchWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each participant's {@link PerformanceTracker} kept up in {@code battle_standing}, fed snapshot by
 * snapshot and fill by fill in log order, so that the live standings read one row per participant
 * ({@link BattleTradingReadModel#standings}). The tracker is fed exactly what the read model's fold
 * of {@code battle_snapshot} and {@code battle_trade} would feed it: amounts as those
 * NUMERIC(38, 8) columns store them, the spacing as {@code battle_progress} records it. Part of
 * {@link BattleEquityProjection}, which owns the table; a processor batch is one read and one
 * write of each battle's rows.
 */
final class StandingTrackers {

    /** The scale of the read model's amounts; PostgreSQL rounds a NUMERIC input half away from zero. */
    private static final int STORED_SCALE = 8;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    StandingTrackers(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** An amount as a NUMERIC(38, 8) column of the read model holds it. */
    static BigDecimal stored(BigDecimal amount) {
        return amount == null ? null : amount.setScale(STORED_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * The snapshot spacing of a battle as {@code battle_progress} records it (whole milliseconds),
     * or the candle interval when it records none; null when there is neither.
     */
    static Duration spacing(BattleStarted event) {
        Duration recorded = event.historical() == null ? event.snapshotInterval()
                : event.config().candleInterval().duration();
        if (recorded != null) {
            return Duration.ofMillis(recorded.toMillis());
        }
        return event.config().candleInterval() == null ? null : event.config().candleInterval().duration();
    }

    /** A tracker that has seen nothing yet, as JSON; none (the standings then fold) without a spacing. */
    static String fresh(BigDecimal baseline, Duration spacing) {
        return spacing == null ? null : BattleJson.tracker(new PerformanceTracker(stored(baseline), spacing));
    }

    void snapshot(BattleStepped event) {
        record(event.battleId(), new Snapshot(event.step(), event.virtualTime(), event.valuations()));
    }

    void snapshot(LiveSnapshotTaken event) {
        record(event.battleId(), new Snapshot(event.sequence(), event.takenAt(), event.valuations()));
    }

    void filled(OrderFilled event, long position) {
        record(event.battleId(), new Filled(position, event.agentId(), event.fill().realizedPnl()));
    }

    private record Snapshot(long step, Instant at, List<Valuation> valuations) {
    }

    private record Filled(long position, String agentId, BigDecimal realizedPnl) {
    }

    /** The snapshots and fills of one processor batch, per battle, in log order. */
    private static final class Changes {
        final Map<String, List<Object>> byBattle = new LinkedHashMap<>();
    }

    private void record(String battleId, Object change) {
        BatchWrites.record(this, Changes::new,
                changes -> changes.byBattle.computeIfAbsent(battleId, id -> new ArrayList<>()).add(change), this::flush);
    }

    /** One participant's row while a batch is folded into it. */
    private static final class Row {
        final PerformanceTracker tracker;
        BigDecimal equity;
        long valuedStep;
        long filledSeq;
        boolean changed;

        Row(PerformanceTracker tracker, BigDecimal equity, long valuedStep, long filledSeq) {
            this.tracker = tracker;
            this.equity = equity;
            this.valuedStep = valuedStep;
            this.filledSeq = filledSeq;
        }
    }

    private void flush(Changes changes) {
        List<Object[]> updates = new ArrayList<>();
        changes.byBattle.forEach((battleId, events) -> {
            Map<String, Row> rows = rows(battleId);
            for (Object event : events) {
                if (event instanceof Snapshot snapshot) {
                    apply(snapshot, rows);
                } else if (event instanceof Filled fill) {
                    apply(fill, rows);
                }
            }
            rows.forEach((agentId, row) -> {
                if (row.changed) {
                    updates.add(new Object[]{BattleJson.tracker(row.tracker), row.equity, row.valuedStep, row.filledSeq,
                            battleId, agentId});
                }
            });
        });
        if (!updates.isEmpty()) {
            batch.batchUpdate("""
                    UPDATE battle_standing SET tracker = ?, equity = ?, valued_step = ?, filled_seq = ?
                    WHERE battle_id = ? AND agent_id = ?""", updates);
        }
    }

    /** The rows that carry a tracker; one without (projected before trackers were kept) is left to the fold. */
    private Map<String, Row> rows(String battleId) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT agent_id, tracker, equity, valued_step, filled_seq FROM battle_standing
                        WHERE battle_id = ? AND tracker IS NOT NULL ORDER BY agent_id FOR UPDATE""")
                .param(battleId)
                .query(rs -> {
                    rows.put(rs.getString("agent_id"), new Row(BattleJson.tracker(rs.getString("tracker")),
                            rs.getBigDecimal("equity"), rs.getLong("valued_step"), rs.getLong("filled_seq")));
                });
        return rows;
    }

    private static void apply(Snapshot snapshot, Map<String, Row> rows) {
        for (Valuation valuation : snapshot.valuations()) {
            Row row = rows.get(valuation.agentId());
            if (row == null || snapshot.step() <= row.valuedStep) {
                continue; // not in the standings, or a redelivery
            }
            BigDecimal equity = stored(valuation.equity());
            row.tracker.recordEquity(snapshot.at(), equity);
            row.equity = equity;
            row.valuedStep = snapshot.step();
            row.changed = true;
        }
    }

    private static void apply(Filled fill, Map<String, Row> rows) {
        Row row = rows.get(fill.agentId());
        if (row == null || fill.position() <= row.filledSeq) {
            return;
        }
        row.tracker.recordFill();
        if (fill.realizedPnl() != null) {
            row.tracker.recordRealizedSell(stored(fill.realizedPnl()));
        }
        row.filledSeq = fill.position();
        row.changed = true;
    }
}
