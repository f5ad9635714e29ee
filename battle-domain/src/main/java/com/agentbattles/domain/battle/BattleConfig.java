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
 * @param clock           historical only: who moves the clock; null (battles recorded before the
 *                        fair clock) means the owner
 * @param stepTimeoutSeconds with the agents' clock: how long a step waits for the participants
 *                        still deciding; null waits for ever
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
                           FeeSchedule fees,
                           StepClock clock,
                           Integer stepTimeoutSeconds) {

    /** The step time-out of the agents' clock when a battle does not set one. */
    public static final int DEFAULT_STEP_TIMEOUT_SECONDS = 30;

    public BattleConfig {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** A battle whose clock the owner moves. */
    public BattleConfig(String preset, BattleMode battleMode, RankingMetric rankingMetric, BigDecimal startingBalance,
                        Long durationMinutes, WalletMode walletMode, CandleInterval candleInterval, List<String> pairs,
                        Instant startTime, Instant endTime, BigDecimal lossLimitPct, FeeSchedule fees) {
        this(preset, battleMode, rankingMetric, startingBalance, durationMinutes, walletMode, candleInterval, pairs,
                startTime, endTime, lossLimitPct, fees, null, null);
    }

    /** The participants move the clock (historical battles only). */
    public boolean agentsMoveTheClock() {
        return isHistorical() && clock == StepClock.AGENTS;
    }

    /**
     * Agents' clock: when a step that opened at {@code openedAt} times out; null when it waits for
     * ever, on the owner's clock, or when the opening is not known.
     */
    public Instant stepDeadline(Instant openedAt) {
        return agentsMoveTheClock() && stepTimeoutSeconds != null && openedAt != null
                ? openedAt.plusSeconds(stepTimeoutSeconds) : null;
    }

    /** The clock as clients read it: a live battle's clock is the market's, so null there. */
    public StepClock clockMode() {
        return isHistorical() ? (clock == null ? StepClock.OWNER : clock) : null;
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
                candleInterval, tradedPairs, startTime, endTime, lossLimitPct, fees, clock, stepTimeoutSeconds);
    }

    /** This config with the historical window fixed (at start, from stored coverage). */
    public BattleConfig withWindow(Instant start, Instant end) {
        return new BattleConfig(preset, battleMode, rankingMetric, startingBalance,
                Duration.between(start, end).toMinutes(), walletMode, candleInterval, pairs, start, end,
                lossLimitPct, fees, clock, stepTimeoutSeconds);
    }
}
