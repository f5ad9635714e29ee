package com.agentbattles.query.battle;

import com.agentbattles.query.support.ProjectionFixture;

import java.util.List;
import java.util.Map;

/** The projections of the battle-trading processing group, made as the server makes them, and reads of their rows. */
final class BattleTradingGroup {

    private BattleTradingGroup() {
    }

    static ProjectionFixture start() {
        return ProjectionFixture.of(new BattleClockProjection(ProjectionFixture.jdbc()),
                new BattleEquityProjection(ProjectionFixture.jdbc(), ProjectionFixture.jdbcTemplate()),
                new BattleOrderBookProjection(ProjectionFixture.jdbc()),
                new BattleWalletProjection(ProjectionFixture.jdbc()),
                new BacktestSessionProjection(ProjectionFixture.jdbc()),
                new BattleDecisionProjection(ProjectionFixture.jdbc()),
                new DecisionNotesProjection(ProjectionFixture.jdbc()));
    }

    /** The tables the group owns. */
    static final List<String> TABLES = List.of("battle_progress", "battle_standing", "battle_snapshot", "battle_order",
            "battle_trade", "backtest_session", "battle_wallet", "battle_decisions", "battle_decision_notes");

    static Map<String, Object> progress(String battleId) {
        return ProjectionFixture.jdbc().sql("""
                        SELECT step, total_steps, starting_balance, virtual_time, prices::text AS prices, live,
                            snapshot_interval_ms, started_at, wallet_mode
                        FROM battle_progress WHERE battle_id = ?""")
                .param(battleId).query().singleRow();
    }

    static List<Map<String, Object>> rows(String sql, Object... params) {
        return ProjectionFixture.jdbc().sql(sql).params(params).query().listOfRows();
    }
}
