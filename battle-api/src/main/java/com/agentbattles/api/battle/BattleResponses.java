package com.agentbattles.api.battle;

import com.agentbattles.api.web.Money;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattlePreset;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.BattleSummary;
import com.agentbattles.domain.battle.BattleQueries.ParticipantView;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.FinalRanking;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the battle endpoints; money is a decimal string, times ISO-8601 UTC. */
final class BattleResponses {

    private BattleResponses() {
    }

    /** A battle with its config and roster: the answer of every endpoint that changes a battle. */
    record BattleResponse(@Schema(example = "9d2f7c1a-3e4b-4f6a-8c2d-1b0e5a7f9c33") String battleId,
                          @Schema(example = "BTC vs ETH momentum duel") String name,
                          @Schema(example = "pending") String status,
                          @Schema(example = "historical") String battleMode,
                          @Schema(example = "roi_pct") String rankingMetric,
                          @Schema(example = "historical_day") String preset,
                          ConfigResponse config,
                          List<ParticipantResponse> participants,
                          @Schema(example = "2") int participantCount,
                          String winner,
                          List<FinalRanking> finalRankings,
                          String rankingsDigest,
                          String rematchOf,
                          boolean hidden,
                          @Schema(example = "2026-01-15T10:00:00Z") Instant createdAt,
                          Instant updatedAt,
                          Instant startedAt,
                          Instant completedAt,
                          Instant cancelledAt) {

        static BattleResponse of(BattleDetail battle) {
            BattleConfig config = battle.config();
            return new BattleResponse(battle.battleId(), battle.name(), battle.status().code(),
                    config.battleMode().code(), config.rankingMetric().code(), config.preset(), ConfigResponse.of(config),
                    battle.participants().stream().map(ParticipantResponse::of).toList(), battle.participants().size(),
                    battle.winnerAgentId(), battle.finalRankings(), battle.rankingsDigest(), battle.rematchOf(),
                    battle.hidden(), battle.createdAt(), battle.updatedAt(), battle.startedAt(), battle.completedAt(),
                    battle.cancelledAt());
        }
    }

    /**
     * @param durationHours      a JSON number (1, 0.5), null without a time limit
     * @param clock              historical: owner or agents; null for a live battle
     * @param stepTimeoutSeconds agents' clock: null waits for ever
     */
    record ConfigResponse(String battleMode, String rankingMetric, List<String> pairs, Long durationMinutes,
                          Number durationHours, BigDecimal startingBalance, String walletMode, String candleInterval,
                          Instant startTime, Instant endTime, BigDecimal lossLimitPct, FeeSchedule fees, String clock,
                          Integer stepTimeoutSeconds) {

        static ConfigResponse of(BattleConfig config) {
            return new ConfigResponse(config.battleMode().code(), config.rankingMetric().code(), config.pairs(),
                    config.durationMinutes(), hours(config.durationMinutes()), Money.display(config.startingBalance()),
                    config.walletMode().code(), config.candleInterval().code(), config.startTime(), config.endTime(),
                    config.lossLimitPct(), config.fees(),
                    config.clockMode() == null ? null : config.clockMode().code(), config.stepTimeoutSeconds());
        }
    }

    record ParticipantResponse(String agentId, String agentName, String status, Instant joinedAt) {
        static ParticipantResponse of(ParticipantView view) {
            return new ParticipantResponse(view.agentId(), view.agentName(), view.status().code(), view.joinedAt());
        }
    }

    record ParticipantList(String battleId, List<ParticipantResponse> participants) {
    }

    record BattleListItem(String battleId, String name, String status, String battleMode, String rankingMetric,
                          int participantCount, String winner, Instant createdAt, Instant startedAt,
                          Instant completedAt) {
        static BattleListItem of(BattleSummary summary) {
            return new BattleListItem(summary.battleId(), summary.name(), summary.status().code(),
                    summary.battleMode().code(), summary.rankingMetric().code(), summary.participantCount(),
                    summary.winnerAgentId(), summary.createdAt(), summary.startedAt(), summary.completedAt());
        }
    }

    record BattleList(List<BattleListItem> battles, long total, int limit, int offset) {
    }

    /** @param allowedPairs empty when the preset lets the creator pick any pair */
    record PresetResponse(String key, String name, String description, String battleMode, Number durationHours,
                          Long durationMinutes, BigDecimal startingBalance, String candleInterval, List<String> pairs,
                          String walletMode, String rankingMetric, BigDecimal lossLimitPct, List<String> allowedPairs) {
        static PresetResponse of(BattlePreset preset) {
            return new PresetResponse(preset.key(), preset.name(), preset.description(), preset.battleMode().code(),
                    hours(preset.durationMinutes()), preset.durationMinutes(), Money.display(preset.startingBalance()),
                    preset.candleInterval().code(), preset.pairs(), preset.walletMode().code(), "roi_pct",
                    preset.lossLimitPct(), preset.allowedPairs().stream().sorted().toList());
        }
    }

    private static Number hours(Long minutes) {
        if (minutes == null) {
            return null;
        }
        return minutes % 60 == 0 ? (Number) (minutes / 60) : (Number) (minutes / 60.0);
    }
}
