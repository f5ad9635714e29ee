package com.agentbattles.domain.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Batch entry point (results, backtest records, projection rebuilds) over the same
 * {@link PerformanceTracker}: there is exactly one implementation of every metric, so a replayed
 * battle's results equal the live ranking's figures digit for digit.
 */
public final class MetricsCalculator {

    private MetricsCalculator() {
    }

    /**
     * @param equityCurve  the snapshots after the start, in order; the starting balance is NOT
     *                     part of it (the tracker seeds the curve with it)
     * @param realizedPnls the realized PnL of every sell, in order
     * @param fills        fills inside the battle (buys and sells)
     * @param finalEquity  the equity that roi_pct and total_pnl are taken from
     */
    public static PerformanceMetrics calculate(BigDecimal startingBalance, Duration snapshotSpacing,
                                               List<BigDecimal> equityCurve, List<BigDecimal> realizedPnls,
                                               long fills, BigDecimal finalEquity) {
        if (fills < 0) {
            throw new IllegalArgumentException("fills must not be negative: " + fills);
        }
        PerformanceTracker tracker = new PerformanceTracker(startingBalance, snapshotSpacing);
        // time is informational for the tracker; a batch curve carries its spacing in the argument
        equityCurve.forEach(equity -> tracker.recordEquity(null, equity));
        realizedPnls.forEach(tracker::recordRealizedSell);
        for (long i = 0; i < fills; i++) {
            tracker.recordFill();
        }
        return tracker.metrics(finalEquity);
    }
}
