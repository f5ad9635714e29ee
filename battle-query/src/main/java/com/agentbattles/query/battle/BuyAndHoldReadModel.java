package com.agentbattles.query.battle;

import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.engine.BuyAndHold;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the buy-and-hold baseline ({@link BuyAndHoldProjection}). By battle id only: callers
 * have already resolved the battle for its owner (another account's battle is 404 before this).
 */
@Component
public class BuyAndHoldReadModel {

    private final JdbcClient jdbc;

    public BuyAndHoldReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Its latest value with the holdings; empty before the battle's first price (or before it started). */
    public Optional<BaselineValue> latest(String battleId) {
        return jdbc.sql("""
                        SELECT equity, roi_pct, total_pnl, holdings::text AS holdings FROM battle_buy_and_hold
                        WHERE battle_id = ? AND equity IS NOT NULL""")
                .param(battleId)
                .query((rs, n) -> new BaselineValue(rs.getBigDecimal("equity"), rs.getBigDecimal("roi_pct"),
                        rs.getBigDecimal("total_pnl"), BattleJson.decimalMap(rs.getString("holdings"))))
                .optional();
    }

    /** Its value at each snapshot from {@code fromStep} to {@code toStep} (no holdings: they never change after the buys). */
    public Map<Long, BaselineValue> snapshots(String battleId, long fromStep, long toStep) {
        Map<Long, BaselineValue> bySteps = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT step, equity, roi_pct, total_pnl FROM battle_buy_and_hold_snapshot
                        WHERE battle_id = ? AND step BETWEEN ? AND ? ORDER BY step""")
                .params(battleId, fromStep, toStep)
                .query(rs -> {
                    bySteps.put(rs.getLong("step"), new BaselineValue(rs.getBigDecimal("equity"),
                            rs.getBigDecimal("roi_pct"), rs.getBigDecimal("total_pnl"), Map.of()));
                });
        return bySteps;
    }

    /** Every stored snapshot, oldest first: what the audit compares with its own fold of the log. */
    public Map<Long, BaselineValue> curve(String battleId) {
        return snapshots(battleId, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The folded state, to go on folding from (the push of a battle met mid-way). */
    public Optional<BuyAndHold> state(String battleId) {
        return jdbc.sql("SELECT state::text FROM battle_buy_and_hold WHERE battle_id = ?")
                .param(battleId).query(String.class).optional().map(BattleJson::buyAndHold);
    }
}
