package com.agentbattles.api.battle;

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
    record BattleRequest(String name, String preset, String battleMode, String rankingMetric,
                         BigDecimal startingBalance, BigDecimal durationMinutes, BacktestConfig backtestConfig,
                         ConfigFields config) {
    }

    record BacktestConfig(Instant startTime, Instant endTime, String candleInterval, List<String> pairs) {
    }

    /** The lifecycle shape's {@code config}, also the shape of a rematch's {@code override_config}. */
    record ConfigFields(String battleMode, String rankingMetric, List<String> pairs, BigDecimal durationHours,
                        BigDecimal durationMinutes, BigDecimal startingBalance, String walletMode,
                        String candleInterval, Instant startTime, Instant endTime, BigDecimal lossLimitPct) {
    }

    record AddParticipantRequest(String agentId) {
    }

    /** {@code /rematch} names the roster {@code override_agents}, {@code /replay} names it {@code agent_ids}. */
    record RematchRequest(String name, ConfigFields overrideConfig, List<String> overrideAgents, List<String> agentIds) {
    }
}
