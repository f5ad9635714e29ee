package com.agentbattles.domain.metrics;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The trade record and the time under water of one curve, from {@link PerformanceTracker}
 * beside its {@link PerformanceMetrics}. Null where a value is undefined; docs/metrics.md.
 *
 * @param maxDrawdownSnapshots     the longest run of consecutive snapshots below the running peak
 * @param maxDrawdownDuration      that run × the snapshot spacing
 * @param maxDrawdownDurationDays  whole days of it (rounded down)
 * @param avgWin                   gross profit / winning sells; null without a win
 * @param avgLoss                  gross loss / losing sells (≤ 0); null without a loss
 * @param bestTrade                the highest realized PnL of one sell; null without a sell
 * @param worstTrade               the lowest realized PnL of one sell; null without a sell
 * @param currentStreak            consecutive wins (&gt; 0) or losses (&lt; 0) ending at the last sell; 0 after a
 *                                 sell at exactly 0 or without a sell
 * @param losingSells              sells with a negative PnL
 * @param avgTradesPerDay          fills per day of the curve's span (snapshots × spacing); null without a snapshot
 */
public record TradeStatistics(long maxDrawdownSnapshots, Duration maxDrawdownDuration, long maxDrawdownDurationDays,
                              BigDecimal avgWin, BigDecimal avgLoss, BigDecimal bestTrade, BigDecimal worstTrade,
                              long currentStreak, long losingSells, BigDecimal avgTradesPerDay) {
}
