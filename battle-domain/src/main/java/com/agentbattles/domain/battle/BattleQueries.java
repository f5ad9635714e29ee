package com.agentbattles.domain.battle;

import java.time.Instant;
import java.util.List;

/** Questions about battles, always asked on behalf of one account (others' battles do not exist). */
public final class BattleQueries {

    private BattleQueries() {
    }

    /** One of the account's battles (hidden ones included); empty for unknown, deleted or others'. */
    public record FindBattle(String accountId, String battleId) {
    }

    /** The account's visible battles, newest first; null filters match everything. */
    public record ListBattles(String accountId, BattleStatus status, BattleMode battleMode, int limit, int offset) {
    }

    public record BattleSummary(String battleId, String name, BattleStatus status, BattleMode battleMode,
                                RankingMetric rankingMetric, int participantCount, String winnerAgentId,
                                Instant createdAt, Instant startedAt, Instant completedAt) {
    }

    public record BattlePage(List<BattleSummary> battles, long total) {
    }

    public record ParticipantView(String agentId, String agentName, ParticipantStatus status, Instant joinedAt) {
    }

    public record BattleDetail(String battleId, String accountId, String name, BattleStatus status, BattleConfig config,
                               List<ParticipantView> participants, String winnerAgentId, List<FinalRanking> finalRankings,
                               String rankingsDigest, String rematchOf, boolean hidden, Instant createdAt,
                               Instant updatedAt, Instant startedAt, Instant completedAt, Instant cancelledAt) {
    }
}
