package com.agentbattles.domain.battle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a client asked to set, exactly as sent: every field optional, enums still as the strings
 * the client wrote so that the refusal can quote them. {@link BattleConfigResolver} lays these
 * over a base (a preset, the defaults, or the current config) and validates the result.
 */
public record BattleConfigChanges(String battleMode,
                                  String rankingMetric,
                                  BigDecimal startingBalance,
                                  BigDecimal durationMinutes,
                                  BigDecimal durationHours,
                                  String walletMode,
                                  String candleInterval,
                                  List<String> pairs,
                                  Instant startTime,
                                  Instant endTime,
                                  BigDecimal lossLimitPct,
                                  String clock,
                                  StepTimeout stepTimeout) {

    /**
     * A step time-out as sent: {@code seconds} null with {@code set} true is an explicit null
     * ("wait for ever"), which differs from not sending the field (keep the current one).
     */
    public record StepTimeout(boolean set, BigDecimal seconds) {
        public static final StepTimeout UNSET = new StepTimeout(false, null);
    }

    public BattleConfigChanges {
        stepTimeout = stepTimeout == null ? StepTimeout.UNSET : stepTimeout;
    }

    public BattleConfigChanges(String battleMode, String rankingMetric, BigDecimal startingBalance,
                               BigDecimal durationMinutes, BigDecimal durationHours, String walletMode,
                               String candleInterval, List<String> pairs, Instant startTime, Instant endTime,
                               BigDecimal lossLimitPct) {
        this(battleMode, rankingMetric, startingBalance, durationMinutes, durationHours, walletMode, candleInterval,
                pairs, startTime, endTime, lossLimitPct, null, null);
    }

    public static BattleConfigChanges none() {
        return new BattleConfigChanges(null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean setsWindow() {
        return startTime != null || endTime != null;
    }
}
