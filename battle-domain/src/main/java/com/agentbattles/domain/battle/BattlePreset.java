package com.agentbattles.domain.battle;

import com.agentbattles.domain.market.CandleInterval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A ready-made battle setup. It supplies defaults; a client's explicit fields override them,
 * except {@code allowedPairs}, which a preset enforces (scalper_duel trades BTC and ETH only).
 *
 * @param durationMinutes null for no time limit
 * @param allowedPairs    empty when any pair may be chosen
 */
public record BattlePreset(String key, String name, String description, BattleMode battleMode,
                           Long durationMinutes, BigDecimal startingBalance, CandleInterval candleInterval,
                           List<String> pairs, WalletMode walletMode, BigDecimal lossLimitPct,
                           Set<String> allowedPairs) {

    /** The config this preset gives when nothing is overridden (historical window still open). */
    public BattleConfig defaults() {
        return new BattleConfig(key, battleMode, RankingMetric.ROI_PCT, startingBalance, durationMinutes, walletMode,
                candleInterval, pairs, null, null, lossLimitPct, FeeSchedule.defaults());
    }
}
