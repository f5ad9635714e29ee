package com.agentbattles.domain.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The one metrics calculator, fed incrementally so that a live ranking of a long battle costs
 * the same on every tick: equity snapshots, fills and realized sells go in, {@link #metrics}
 * comes out. The equity curve starts at the starting balance. Plain fields, so a battle's
 * aggregate snapshot can carry it.
 */
public final class PerformanceTracker {

    /**
     * @param snapshotSpacing time between two snapshots on the clock in use (a historical battle's
     *                        candle interval, a live battle's snapshot interval); annualises sharpe/sortino
     */
    public PerformanceTracker(BigDecimal startingBalance, Duration snapshotSpacing) {
        throw new UnsupportedOperationException("metrics: not implemented yet");
    }

    public void recordEquity(Instant time, BigDecimal equity) {
        throw new UnsupportedOperationException();
    }

    /** One fill (a buy or a sell) inside the battle. */
    public void recordFill() {
        throw new UnsupportedOperationException();
    }

    /** The realized PnL of a sell. */
    public void recordRealizedSell(BigDecimal realizedPnl) {
        throw new UnsupportedOperationException();
    }

    /** Metrics now, with roi and pnl taken from {@code currentEquity}. */
    public PerformanceMetrics metrics(BigDecimal currentEquity) {
        throw new UnsupportedOperationException();
    }
}
