package com.agentbattles.domain.battle;

import com.agentbattles.domain.market.CandleInterval;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fully resolved configuration of a battle: every default applied, every value validated.
 * Events carry it whole, so the log alone says how a battle was set up. Build it through
 * {@link BattleConfigResolver}.
 *
 * @param preset          the preset it started from, or null; kept because a preset can impose rules
 *                        (scalper_duel's pairs) that later edits must respect
 * @param durationMinutes live: the time limit, null for none; historical: the window length
 * @param startTime       historical only; null until the start resolves it from stored coverage
 * @param endTime         historical only; set whenever startTime is
 * @param lossLimitPct    null for none; when set the battle follows survival rules: a participant
 *                        whose equity falls to startingBalance × (1 − lossLimitPct/100) is eliminated
 */
public record BattleConfig(String preset,
                           BattleMode battleMode,
                           RankingMetric rankingMetric,
                           BigDecimal startingBalance,
                           Long durationMinutes,
                           WalletMode walletMode,
                           CandleInterval candleInterval,
                           List<String> pairs,
                           Instant startTime,
                           Instant endTime,
                           BigDecimal lossLimitPct,
                           FeeSchedule fees) {

    public BattleConfig {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    public boolean isHistorical() {
        return battleMode == BattleMode.HISTORICAL;
    }

    /** A historical battle whose window is known; otherwise the start picks the latest covered one. */
    public boolean hasWindow() {
        return startTime != null && endTime != null;
    }

    /** Null for a live battle without a time limit. */
    public Duration duration() {
        return durationMinutes == null ? null : Duration.ofMinutes(durationMinutes);
    }

    /** A live battle started at {@code startedAt} ends here; null without a time limit. */
    public Instant deadlineFrom(Instant startedAt) {
        return durationMinutes == null || startedAt == null ? null : startedAt.plus(duration());
    }

    /** This config trading exactly {@code tradedPairs} (a live battle that named none, at start). */
    public BattleConfig withPairs(List<String> tradedPairs) {
        return new BattleConfig(preset, battleMode, rankingMetric, startingBalance, durationMinutes, walletMode,
                candleInterval, tradedPairs, startTime, endTime, lossLimitPct, fees);
    }

    /** This config with the historical window fixed (at start, from stored coverage). */
    public BattleConfig withWindow(Instant start, Instant end) {
        return new BattleConfig(preset, battleMode, rankingMetric, startingBalance,
                Duration.between(start, end).toMinutes(), walletMode, candleInterval, pairs, start, end,
                lossLimitPct, fees);
    }
}
