package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.FinalRanking;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * A finished historical battle leaves one backtest record per participant
 * ({@code backtest_session}), listed under the strategy label {@code battle_{battle_id}}. Part of
 * the {@link BattleTradingProjection} group; it tells a historical battle by the clock's
 * {@code battle_progress}. Idempotent: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BacktestSessionProjection {

    private final JdbcClient jdbc;

    public BacktestSessionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Historical battles only (those with a clock): each participant's result becomes a backtest record. */
    @EventHandler
    void on(BattleStopped event) {
        boolean historical = jdbc.sql("SELECT count(*) FROM battle_progress WHERE battle_id = ? AND NOT live")
                .param(event.battleId()).query(Long.class).single() > 0;
        if (!historical) {
            return;
        }
        for (FinalRanking ranking : event.rankings()) {
            jdbc.sql("""
                            INSERT INTO backtest_session (session_id, account_id, battle_id, agent_id, strategy_label,
                                ranking, completed_at)
                            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING""")
                    .params(sessionId(event.battleId(), ranking.agentId()), event.accountId(), event.battleId(),
                            ranking.agentId(), "battle_" + event.battleId(), BattleJson.write(ranking),
                            Timestamp.from(event.stoppedAt()))
                    .update();
        }
    }

    /** Stable across rebuilds: the same battle and agent always give the same session id. */
    public static String sessionId(String battleId, String agentId) {
        return UUID.nameUUIDFromBytes(("battle-backtest:" + battleId + ":" + agentId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM backtest_session").update();
    }
}
