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
                                  BigDecimal lossLimitPct) {

    public static BattleConfigChanges none() {
        return new BattleConfigChanges(null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean setsWindow() {
        return startTime != null || endTime != null;
    }
}
