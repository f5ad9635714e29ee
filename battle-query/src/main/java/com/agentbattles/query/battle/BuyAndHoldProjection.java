package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.engine.BuyAndHold;
import com.agentbattles.query.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buy-and-hold baseline of every battle ({@code battle_buy_and_hold}, and its value at every
 * snapshot in {@code battle_buy_and_hold_snapshot}), folded by the engine's {@link BuyAndHold}
 * from the battle's start, steps and live snapshots: the same fold the WebSocket push and the
 * audit run. Part of the {@link BattleTradingProjection} group. Steps are buffered per processor
 * batch (a {@code step/batch} of 1,000 steps is one read and one write of the state, one batched
 * insert of snapshots); a snapshot at or below the stored step is a redelivery and changes nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BuyAndHoldProjection {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public BuyAndHoldProjection(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @EventHandler
    void on(BattleStarted event) {
        jdbc.sql("INSERT INTO battle_buy_and_hold (battle_id, state, step) VALUES (?, ?::jsonb, 0) ON CONFLICT DO NOTHING")
                .params(event.battleId(), BattleJson.write(BuyAndHold.of(event.config())))
                .update();
    }

    @EventHandler
    void on(BattleStepped event) {
        BatchWrites.record(this, Snapshots::new, snapshots -> snapshots.add(event.battleId(), event), this::flush);
    }

    @EventHandler
    void on(LiveSnapshotTaken event) {
        BatchWrites.record(this, Snapshots::new, snapshots -> snapshots.add(event.battleId(), event), this::flush);
    }

    /** The snapshots of one processor batch, per battle, in log order. */
    private static final class Snapshots {
        final Map<String, List<Object>> byBattle = new LinkedHashMap<>();

        void add(String battleId, Object event) {
            byBattle.computeIfAbsent(battleId, id -> new ArrayList<>()).add(event);
        }
    }

    private void flush(Snapshots snapshots) {
        List<Object[]> rows = new ArrayList<>();
        snapshots.byBattle.forEach((battleId, events) -> {
            String state = jdbc.sql("SELECT state::text FROM battle_buy_and_hold WHERE battle_id = ? FOR UPDATE")
                    .param(battleId).query(String.class).optional().orElse(null);
            if (state == null) {
                return; // a snapshot without a start cannot happen in an honest log
            }
            BuyAndHold baseline = BattleJson.buyAndHold(state);
            BaselineValue value = null;
            for (Object event : events) {
                if (baseline.apply(event)) {
                    value = baseline.value();
                    if (value != null) {
                        rows.add(new Object[]{battleId, baseline.step(), value.equity(), value.roiPct(), value.totalPnl()});
                    }
                }
            }
            value = baseline.value();
            jdbc.sql("""
                            UPDATE battle_buy_and_hold SET state = ?::jsonb, step = ?, equity = ?, roi_pct = ?,
                            total_pnl = ?, holdings = ?::jsonb WHERE battle_id = ?""")
                    .params(BattleJson.write(baseline), baseline.step(), value == null ? null : value.equity(),
                            value == null ? null : value.roiPct(), value == null ? null : value.totalPnl(),
                            value == null ? null : BattleJson.write(value.holdings()), battleId)
                    .update();
        });
        if (!rows.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO battle_buy_and_hold_snapshot (battle_id, step, equity, roi_pct, total_pnl)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_buy_and_hold_snapshot").update();
        jdbc.sql("DELETE FROM battle_buy_and_hold").update();
    }
}
