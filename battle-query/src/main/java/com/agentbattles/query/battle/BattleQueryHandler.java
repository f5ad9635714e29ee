package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.BattlePage;
import com.agentbattles.domain.battle.BattleQueries.BattleSummary;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.battle.BattleQueries.ListBattles;
import com.agentbattles.domain.battle.BattleQueries.ParticipantView;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.RankingMetric;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers battle queries from the battle read model, always scoped to the asking account. */
@Component
public class BattleQueryHandler {

    private static final RowMapper<BattleSummary> SUMMARY = (rs, n) -> new BattleSummary(
            rs.getString("battle_id"), rs.getString("name"), BattleStatus.of(rs.getString("status")),
            BattleMode.of(rs.getString("battle_mode")), RankingMetric.of(rs.getString("ranking_metric")),
            rs.getInt("participant_count"), rs.getString("winner_agent_id"), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")));

    private static final RowMapper<ParticipantView> PARTICIPANT = (rs, n) -> new ParticipantView(
            rs.getString("agent_id"), rs.getString("agent_name"), ParticipantStatus.of(rs.getString("status")),
            instant(rs.getTimestamp("joined_at")));

    private final JdbcClient jdbc;

    public BattleQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public BattlePage handle(ListBattles query) {
        StringBuilder where = new StringBuilder(" FROM battle_view WHERE account_id = ? AND NOT hidden");
        List<Object> params = new ArrayList<>(List.of(query.accountId()));
        if (query.status() != null) {
            where.append(" AND status = ?");
            params.add(query.status().code());
        }
        if (query.battleMode() != null) {
            where.append(" AND battle_mode = ?");
            params.add(query.battleMode().code());
        }
        long total = jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.limit());
        pageParams.add(query.offset());
        List<BattleSummary> battles = jdbc.sql("SELECT *" + where + " ORDER BY created_seq DESC, battle_id LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(SUMMARY)
                .list();
        return new BattlePage(battles, total);
    }

    @QueryHandler
    public Optional<BattleDetail> handle(FindBattle query) {
        return jdbc.sql("SELECT * FROM battle_view WHERE battle_id = ? AND account_id = ?")
                .params(query.battleId(), query.accountId())
                .query((rs, n) -> new BattleDetail(rs.getString("battle_id"), rs.getString("account_id"),
                        rs.getString("name"), BattleStatus.of(rs.getString("status")),
                        BattleJson.config(rs.getString("config")), participants(rs.getString("battle_id")),
                        rs.getString("winner_agent_id"), BattleJson.rankings(rs.getString("final_rankings")),
                        rs.getString("rankings_digest"), rs.getString("rematch_of"), rs.getBoolean("hidden"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")),
                        instant(rs.getTimestamp("cancelled_at"))))
                .optional();
    }

    private List<ParticipantView> participants(String battleId) {
        return jdbc.sql("SELECT * FROM battle_participant_view WHERE battle_id = ? ORDER BY join_seq, agent_id")
                .param(battleId)
                .query(PARTICIPANT)
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
