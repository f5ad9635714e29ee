package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleConfigUpdated;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleHidden;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.ParticipantStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Folds battle events into {@code battle_view} and {@code battle_participant_view}: the source of
 * battle lists, details and rosters. Every handler is idempotent, so a redelivered event is harmless.
 */
@Component
@ProcessingGroup(BattleProjection.NAME)
public class BattleProjection {

    public static final String NAME = "battles";

    private final JdbcClient jdbc;

    public BattleProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BattleCreated event, TrackingToken token) {
        BattleConfig config = event.config();
        jdbc.sql("""
                        INSERT INTO battle_view (battle_id, account_id, name, status, battle_mode, ranking_metric, config,
                            rematch_of, created_at, updated_at, created_seq)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                        ON CONFLICT (battle_id) DO NOTHING""")
                .params(event.battleId(), event.accountId(), event.name(), BattleStatus.DRAFT.code(),
                        config.battleMode().code(), config.rankingMetric().code(), BattleJson.write(config),
                        event.rematchOf(), ts(event.createdAt()), ts(event.createdAt()), token.position().orElse(0))
                .update();
    }

    @EventHandler
    void on(BattleConfigUpdated event) {
        BattleConfig config = event.config();
        jdbc.sql("""
                        UPDATE battle_view SET name = ?, battle_mode = ?, ranking_metric = ?, config = ?::jsonb, updated_at = ?
                        WHERE battle_id = ?""")
                .params(event.name(), config.battleMode().code(), config.rankingMetric().code(), BattleJson.write(config),
                        ts(event.updatedAt()), event.battleId())
                .update();
    }

    @EventHandler
    void on(ParticipantAdded event, TrackingToken token) {
        jdbc.sql("""
                        INSERT INTO battle_participant_view (battle_id, agent_id, agent_name, status, joined_at, join_seq)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (battle_id, agent_id) DO NOTHING""")
                .params(event.battleId(), event.agentId(), event.agentName(), ParticipantStatus.ACTIVE.code(),
                        ts(event.joinedAt()), token.position().orElse(0))
                .update();
        rosterChanged(event.battleId(), event.battleStatus(), event.joinedAt());
    }

    @EventHandler
    void on(ParticipantRemoved event) {
        jdbc.sql("DELETE FROM battle_participant_view WHERE battle_id = ? AND agent_id = ?")
                .params(event.battleId(), event.agentId())
                .update();
        rosterChanged(event.battleId(), event.battleStatus(), event.removedAt());
    }

    @EventHandler
    void on(BattleStarted event) {
        jdbc.sql("UPDATE battle_view SET status = ?, config = ?::jsonb, started_at = ?, updated_at = ? WHERE battle_id = ?")
                .params(BattleStatus.ACTIVE.code(), BattleJson.write(event.config()), ts(event.startedAt()),
                        ts(event.startedAt()), event.battleId())
                .update();
    }

    @EventHandler
    void on(ParticipantPaused event) {
        participantStatus(event.battleId(), event.agentId(), ParticipantStatus.PAUSED);
        battleStatus(event.battleId(), event.battleStatus(), event.pausedAt());
    }

    @EventHandler
    void on(ParticipantResumed event) {
        participantStatus(event.battleId(), event.agentId(), ParticipantStatus.ACTIVE);
        battleStatus(event.battleId(), event.battleStatus(), event.resumedAt());
    }

    @EventHandler
    void on(com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned event) {
        participantStatus(event.battleId(), event.agentId(), ParticipantStatus.NOT_PROVISIONED);
    }

    @EventHandler
    void on(com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated event) {
        participantStatus(event.battleId(), event.agentId(), ParticipantStatus.ELIMINATED);
    }

    @EventHandler
    void on(BattleStopped event) {
        String winner = event.rankings().isEmpty() ? null : event.rankings().get(0).agentId();
        jdbc.sql("""
                        UPDATE battle_view SET status = ?, completed_at = ?, updated_at = ?, winner_agent_id = ?,
                            final_rankings = ?::jsonb, rankings_digest = ?
                        WHERE battle_id = ?""")
                .params(BattleStatus.COMPLETED.code(), ts(event.stoppedAt()), ts(event.stoppedAt()), winner,
                        BattleJson.write(event.rankings()), event.rankingsDigest(), event.battleId())
                .update();
    }

    @EventHandler
    void on(BattleCancelled event) {
        jdbc.sql("UPDATE battle_view SET status = ?, cancelled_at = ?, updated_at = ? WHERE battle_id = ?")
                .params(BattleStatus.CANCELLED.code(), ts(event.cancelledAt()), ts(event.cancelledAt()), event.battleId())
                .update();
    }

    @EventHandler
    void on(BattleHidden event) {
        jdbc.sql("UPDATE battle_view SET hidden = TRUE, updated_at = ? WHERE battle_id = ?")
                .params(ts(event.hiddenAt()), event.battleId())
                .update();
    }

    @EventHandler
    void on(BattleDeleted event) {
        jdbc.sql("DELETE FROM battle_participant_view WHERE battle_id = ?").param(event.battleId()).update();
        jdbc.sql("DELETE FROM battle_view WHERE battle_id = ?").param(event.battleId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_participant_view").update();
        jdbc.sql("DELETE FROM battle_view").update();
    }

    private void rosterChanged(String battleId, BattleStatus status, Instant at) {
        jdbc.sql("""
                        UPDATE battle_view SET status = ?, updated_at = ?,
                            participant_count = (SELECT count(*) FROM battle_participant_view WHERE battle_id = ?)
                        WHERE battle_id = ?""")
                .params(status.code(), ts(at), battleId, battleId)
                .update();
    }

    private void participantStatus(String battleId, String agentId, ParticipantStatus status) {
        jdbc.sql("UPDATE battle_participant_view SET status = ? WHERE battle_id = ? AND agent_id = ?")
                .params(status.code(), battleId, agentId)
                .update();
    }

    private void battleStatus(String battleId, BattleStatus status, Instant at) {
        jdbc.sql("UPDATE battle_view SET status = ?, updated_at = ? WHERE battle_id = ?")
                .params(status.code(), ts(at), battleId)
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
