package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * How each participant played the agents' clock ({@code battle_decisions}): the steps it was done
 * with in time and how long it took, and the steps that timed out on it. A step opens when the
 * one before it closed (its last readiness or its time-out) or, for step 0, when the battle
 * started; both are in the log, so the decision times are derived from it alone. Part of the
 * {@link BattleTradingProjection} group, after {@link BattleClockProjection} has the start.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BattleDecisionProjection {

    private final JdbcClient jdbc;

    public BattleDecisionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ParticipantReady event) {
        Instant opened = openingOf(jdbc, event.battleId(), event.step());
        Long decisionMs = opened == null ? null : Math.max(0, event.readyAt().toEpochMilli() - opened.toEpochMilli());
        insert(event.battleId(), event.agentId(), event.step(), event.readyAt(), decisionMs, false);
    }

    @EventHandler
    void on(StepTimedOut event) {
        for (String agentId : event.skipped()) {
            insert(event.battleId(), agentId, event.step(), event.timedOutAt(), null, true);
        }
    }

    /**
     * When a step opened: the close of the step before (its last readiness or its time-out), or the
     * battle's start for step 0; null while not known. The read model's open step reads it here too.
     */
    static Instant openingOf(JdbcClient jdbc, String battleId, long step) {
        if (step == 0) {
            return jdbc.sql("SELECT started_at FROM battle_progress WHERE battle_id = ?").param(battleId)
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        }
        return jdbc.sql("SELECT max(decided_at) FROM battle_decisions WHERE battle_id = ? AND step = ?")
                .params(battleId, step - 1).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    private void insert(String battleId, String agentId, long step, Instant at, Long decisionMs, boolean timedOut) {
        jdbc.sql("""
                        INSERT INTO battle_decisions (battle_id, agent_id, step, decided_at, decision_ms, timed_out)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (battle_id, agent_id, step) DO NOTHING""")
                .params(battleId, agentId, step, Timestamp.from(at), decisionMs, timedOut)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_decisions").update();
    }
}
