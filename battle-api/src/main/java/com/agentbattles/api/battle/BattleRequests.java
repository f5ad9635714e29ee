package com.agentbattles.api.battle;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Request bodies of the battle endpoints (snake_case on the wire). Enum-like fields stay strings
 * here so that the domain can refuse an unknown value with a message that quotes it.
 */
final class BattleRequests {

    private BattleRequests() {
    }

    /**
     * Create and update take both documented shapes, even mixed: the flat API-reference one
     * (top-level fields and {@code backtest_config}) and the lifecycle one ({@code preset} and
     * {@code config}).
     */
    @Schema(description = "Either the flat shape (battle_mode, starting_balance, duration_minutes, ranking_metric, backtest_config) or the lifecycle shape (preset, config); a preset supplies defaults, explicit fields override it")
    record BattleRequest(@Schema(example = "BTC vs ETH momentum duel") String name,
                         @Schema(example = "historical_day") String preset,
                         @Schema(example = "historical") String battleMode,
                         @Schema(example = "roi_pct") String rankingMetric,
                         @Schema(implementation = String.class, format = "decimal", example = "10000.00") BigDecimal startingBalance,
                         @Schema(implementation = String.class, format = "decimal", example = "1440") BigDecimal durationMinutes,
                         BacktestConfig backtestConfig,
                         ConfigFields config) {
    }

    record BacktestConfig(@Schema(example = "2025-01-01T00:00:00Z") Instant startTime,
                          @Schema(example = "2025-01-02T00:00:00Z") Instant endTime,
                          @Schema(example = "1m") String candleInterval,
                          List<String> pairs) {
    }

    /** The lifecycle shape's {@code config}, also the shape of a rematch's {@code override_config}. */
    record ConfigFields(@Schema(example = "historical") String battleMode,
                        @Schema(example = "sharpe_ratio") String rankingMetric,
                        List<String> pairs,
                        @Schema(implementation = String.class, format = "decimal", example = "24") BigDecimal durationHours,
                        BigDecimal durationMinutes,
                        @Schema(implementation = String.class, format = "decimal", example = "10000.00") BigDecimal startingBalance,
                        @Schema(example = "fresh") String walletMode,
                        @Schema(example = "5m") String candleInterval,
                        @Schema(example = "2025-01-01T00:00:00Z") Instant startTime,
                        Instant endTime,
                        @Schema(implementation = String.class, format = "decimal", example = "20") BigDecimal lossLimitPct,
                        @Schema(example = "agents", description = "historical only: owner (the owner steps) or agents (each participant says it is done with a step)") String clock,
                        @Schema(implementation = Integer.class, nullable = true, example = "30",
                                description = "agents' clock: seconds a step waits for participants still deciding (default 30, null waits for ever)")
                        JsonNode stepTimeoutSeconds) {
    }

    record AddParticipantRequest(@Schema(example = "0b6e9f3d-5a21-4c8e-b7d4-2e1f9a6c3b58") String agentId) {
    }

    /** {@code /rematch} names the roster {@code override_agents}, {@code /replay} names it {@code agent_ids}. */
    record RematchRequest(String name, ConfigFields overrideConfig, List<String> overrideAgents, List<String> agentIds) {
    }
}
