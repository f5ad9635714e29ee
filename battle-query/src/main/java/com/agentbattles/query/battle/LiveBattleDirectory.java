package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattleStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The live battles that are running, as the battle read model knows them: what the server's live
 * clock and price relay drive. Read afresh each time, so that a restarted server picks up where
 * the log says it was.
 */
@Component
public class LiveBattleDirectory {

    /** @param deadline when the duration runs out; null without a time limit */
    public record RunningLiveBattle(String battleId, Instant startedAt, Instant deadline, List<String> pairs) {
    }

    private final JdbcClient jdbc;

    public LiveBattleDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of these agents already trade in another running live battle, and in which. */
    public java.util.Map<String, String> liveBattlesOf(List<String> agentIds, String exceptBattleId) {
        if (agentIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> found = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT p.agent_id, b.battle_id FROM battle_participant_view p
                        JOIN battle_view b ON b.battle_id = p.battle_id
                        WHERE b.battle_mode = ? AND b.status IN (?, ?) AND b.battle_id <> ? AND p.agent_id = ANY (?)""")
                .params(BattleMode.LIVE.code(), BattleStatus.ACTIVE.code(), BattleStatus.PAUSED.code(), exceptBattleId,
                        agentIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getString(2));
                });
        return found;
    }

    /**
     * Where an agent's live orders go, in one round trip: the live battle holding its wallet, else
     * a running live battle it is in whose custody of the wallet is still on its way; empty when
     * they go to its own wallet. One query because every live order asks it.
     */
    public java.util.Optional<String> battleTrading(String agentId) {
        return jdbc.sql("""
                        SELECT COALESCE(
                            (SELECT w.battle_id FROM agent_wallet w WHERE w.agent_id = :agent AND w.battle_id IS NOT NULL),
                            (SELECT b.battle_id FROM battle_participant_view p JOIN battle_view b ON b.battle_id = p.battle_id
                             WHERE p.agent_id = :agent AND b.battle_mode = :live AND b.status IN (:active, :paused)
                             ORDER BY b.battle_id LIMIT 1))""")
                .param("agent", agentId).param("live", BattleMode.LIVE.code())
                .param("active", BattleStatus.ACTIVE.code()).param("paused", BattleStatus.PAUSED.code())
                .query(String.class).optional();
    }

    public List<RunningLiveBattle> running() {
        return jdbc.sql("""
                        SELECT battle_id, started_at, config FROM battle_view
                        WHERE battle_mode = ? AND status IN (?, ?) AND started_at IS NOT NULL
                        ORDER BY started_at, battle_id""")
                .params(BattleMode.LIVE.code(), BattleStatus.ACTIVE.code(), BattleStatus.PAUSED.code())
                .query((rs, row) -> {
                    Instant startedAt = rs.getTimestamp("started_at").toInstant();
                    BattleConfig config = BattleJson.config(rs.getString("config"));
                    return new RunningLiveBattle(rs.getString("battle_id"), startedAt,
                            config.deadlineFrom(startedAt), config.pairs());
                })
                .list();
    }
}
