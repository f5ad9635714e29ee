package com.agentbattles.domain.metrics;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

/**
 * The one metrics calculator, fed incrementally so that a live ranking of a long battle costs
 * the same on every tick: equity snapshots, fills and realized sells go in, {@link #metrics}
 * comes out. The equity curve starts at the starting balance. Plain fields, so a battle's
 * aggregate snapshot can carry it.
 *
 * <p>Only running sums are kept (never the curve): the {@link ReturnMoments} (n, Σr, Σr², Σr³,
 * Σr⁴), Σmin(r,0)², the running peak and the worst (peak, trough) pair. Every return is rounded
 * to {@link #RETURN_SCALE} decimals, so the sums are exact BigDecimal additions: the same inputs
 * give the same digits whatever the order of feeding, restart or snapshot/restore. Definitions,
 * scales and null rules: docs/metrics.md.
 */
// Jackson reads and writes the fields directly: the aggregate snapshot must restore the running
// sums exactly, and the public methods are commands, not properties.
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public final class PerformanceTracker {

    /** Scale of each simple return; 18 dp keeps ~14 significant digits of a 0.01 % move. */
    static final int RETURN_SCALE = 18;
    /** Scale of every reported ratio, percentage and USDT amount. */
    static final int OUTPUT_SCALE = 8;
    static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    /** The one precision of every inexact step (division, square root) before the final rounding. */
    static final MathContext MC = MathContext.DECIMAL128;
    /** 365 × 24 × 3600: annualisation uses a 365-day year (crypto trades every day). */
    static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(31_536_000L);
    static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400L);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    // Not final: Jackson fills them through the private no-arg constructor.
    private BigDecimal startingBalance;
    private Duration snapshotSpacing;

    /** The previous snapshot, the base of the next return (the starting balance at first). */
    private BigDecimal lastEquity;
    private ReturnMoments returns;
    private BigDecimal sumSquaredDownside;

    private BigDecimal peak;
    /** The deepest drawdown so far as its (peak, trough) pair; null while never below a peak. */
    private BigDecimal drawdownPeak;
    private BigDecimal drawdownTrough;

    private long fills;
    private long sells;
    private long winningSells;
    private BigDecimal grossProfit;
    /** Sum of the losing sells' PnL, so ≤ 0: grossProfit + grossLoss = realized PnL. */
    private BigDecimal grossLoss;

    // Since revision 4 of the battle snapshot: time under water and the trade record.
    /** Consecutive snapshots below the running peak, up to the latest one (0 when at a peak). */
    private long snapshotsUnderWater;
    /** The longest such run so far. */
    private long longestUnderWater;
    private long losingSells;
    /** The best and worst realized PnL of a single sell; null before the first sell. */
    private BigDecimal bestSell;
    private BigDecimal worstSell;
    /** Consecutive winning sells (positive) or losing sells (negative) ending at the last sell. */
    private long streak;

    /**
     * @param snapshotSpacing time between two snapshots on the clock in use (a historical battle's
     *                        candle interval, a live battle's snapshot interval); annualises sharpe/sortino
     */
    public PerformanceTracker(BigDecimal startingBalance, Duration snapshotSpacing) {
        Objects.requireNonNull(startingBalance, "startingBalance");
        Objects.requireNonNull(snapshotSpacing, "snapshotSpacing");
        if (startingBalance.signum() <= 0) {
            throw new IllegalArgumentException("startingBalance must be positive: " + startingBalance);
        }
        if (snapshotSpacing.isNegative() || snapshotSpacing.isZero()) {
            throw new IllegalArgumentException("snapshotSpacing must be positive: " + snapshotSpacing);
        }
        this.startingBalance = startingBalance;
        this.snapshotSpacing = snapshotSpacing;
        this.lastEquity = startingBalance;
        this.peak = startingBalance;
        this.returns = ReturnMoments.NONE;
        this.sumSquaredDownside = BigDecimal.ZERO;
        this.grossProfit = BigDecimal.ZERO;
        this.grossLoss = BigDecimal.ZERO;
    }

    @SuppressWarnings("unused") // Jackson
    private PerformanceTracker() {
    }

    /**
     * Appends a snapshot to the equity curve. O(1). {@code time} is informational: the returns are
     * annualised by the constructor's spacing, not by the gaps between the times given here.
     */
    public void recordEquity(Instant time, BigDecimal equity) {
        Objects.requireNonNull(equity, "equity");
        BigDecimal r = simpleReturn(lastEquity, equity);
        returns = returns.plus(r);
        if (r.signum() < 0) {
            sumSquaredDownside = sumSquaredDownside.add(r.multiply(r));
        }
        lastEquity = equity;

        if (equity.compareTo(peak) > 0) {
            peak = equity;
        } else if (deeperThanWorst(equity)) {
            drawdownPeak = peak;
            drawdownTrough = equity;
        }
        // back at the peak (or above it) ends the time under water
        snapshotsUnderWater = equity.compareTo(peak) < 0 ? snapshotsUnderWater + 1 : 0;
        longestUnderWater = Math.max(longestUnderWater, snapshotsUnderWater);
    }

    /** Snapshots recorded so far (returns of the curve). */
    public long snapshots() {
        return returns.count();
    }

    /** One fill (a buy or a sell) inside the battle. */
    public void recordFill() {
        fills++;
    }

    /**
     * The realized PnL of a sell. A sell with PnL exactly 0 counts as a sell (it lowers the win
     * rate) but is neither a win nor a loss.
     */
    public void recordRealizedSell(BigDecimal realizedPnl) {
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        sells++;
        if (realizedPnl.signum() > 0) {
            winningSells++;
            grossProfit = grossProfit.add(realizedPnl);
            streak = streak > 0 ? streak + 1 : 1;
        } else if (realizedPnl.signum() < 0) {
            losingSells++;
            grossLoss = grossLoss.add(realizedPnl);
            streak = streak < 0 ? streak - 1 : -1;
        } else {
            streak = 0; // neither a win nor a loss: no streak runs through it
        }
        bestSell = bestSell == null || realizedPnl.compareTo(bestSell) > 0 ? realizedPnl : bestSell;
        worstSell = worstSell == null || realizedPnl.compareTo(worstSell) < 0 ? realizedPnl : worstSell;
    }

    /**
     * The trade record and the time under water, beside {@link #metrics}: null where undefined
     * (no win, no loss, no sell, no snapshot). O(1).
     */
    public TradeStatistics tradeStatistics() {
        Duration underWater = snapshotSpacing.multipliedBy(longestUnderWater);
        return new TradeStatistics(
                longestUnderWater,
                underWater,
                underWater.toDays(),
                winningSells == 0 ? null : grossProfit.divide(BigDecimal.valueOf(winningSells), OUTPUT_SCALE, ROUNDING),
                losingSells == 0 ? null : grossLoss.divide(BigDecimal.valueOf(losingSells), OUTPUT_SCALE, ROUNDING),
                bestSell == null ? null : out(bestSell),
                worstSell == null ? null : out(worstSell),
                streak,
                losingSells,
                tradesPerDay());
    }

    /** fills × 86,400 / (snapshots × spacing in seconds): fills per day of the curve's span. */
    private BigDecimal tradesPerDay() {
        long n = returns.count();
        if (n == 0) {
            return null;
        }
        BigDecimal spanSeconds = spacingSeconds().multiply(BigDecimal.valueOf(n));
        return BigDecimal.valueOf(fills).multiply(SECONDS_PER_DAY).divide(spanSeconds, OUTPUT_SCALE, ROUNDING);
    }

    /** roi_pct on its own, for readers that show it per snapshot (replay) without a whole tracker. */
    public static BigDecimal roiPct(BigDecimal startingBalance, BigDecimal equity) {
        return equity.subtract(startingBalance).multiply(HUNDRED).divide(startingBalance, OUTPUT_SCALE, ROUNDING);
    }

    /**
     * Metrics now, with roi and pnl taken from {@code currentEquity}, for a series judged on its
     * own: one trial, so dsr equals psr. O(1).
     */
    public PerformanceMetrics metrics(BigDecimal currentEquity) {
        return metrics(currentEquity, 1);
    }

    /**
     * Metrics now, with roi and pnl taken from {@code currentEquity} and dsr deflated for the best
     * of {@code trials} series (a battle's participants). O(1).
     */
    public PerformanceMetrics metrics(BigDecimal currentEquity, int trials) {
        Objects.requireNonNull(currentEquity, "currentEquity");
        BigDecimal pnl = currentEquity.subtract(startingBalance);
        Optional<SharpeStatistics> statistics = SharpeStatistics.of(returns);
        return new PerformanceMetrics(
                out(currentEquity),
                roiPct(startingBalance, currentEquity),
                out(pnl),
                sharpeRatio(),
                sortinoRatio(),
                maxDrawdownPct(),
                winRate(),
                profitFactor(),
                fills, sells, winningSells,
                out(grossProfit),
                out(grossLoss),
                statistics.map(SharpeStatistics::psr).orElse(null),
                statistics.map(s -> s.dsr(trials)).orElse(null));
    }

    /**
     * (current − previous) / previous, rounded once to RETURN_SCALE; that equals current/previous − 1
     * rounded, as subtracting 1 is exact. From an equity of zero there is nothing left to move: 0.
     */
    static BigDecimal simpleReturn(BigDecimal previous, BigDecimal current) {
        if (previous.signum() == 0) {
            return BigDecimal.ZERO.setScale(RETURN_SCALE);
        }
        return current.subtract(previous).divide(previous, RETURN_SCALE, ROUNDING);
    }

    /**
     * Is (peak − equity)/peak deeper than the worst pair's? Compared by cross-multiplication,
     * equity/peak &lt; trough/worstPeak, so no division and no rounding decide it.
     */
    private boolean deeperThanWorst(BigDecimal equity) {
        if (equity.compareTo(peak) == 0) {
            return false;
        }
        return drawdownPeak == null
                || equity.multiply(drawdownPeak).compareTo(drawdownTrough.multiply(peak)) < 0;
    }

    private BigDecimal maxDrawdownPct() {
        if (drawdownPeak == null) {
            return BigDecimal.ZERO.setScale(OUTPUT_SCALE);
        }
        return drawdownPeak.subtract(drawdownTrough).multiply(HUNDRED)
                .divide(drawdownPeak, OUTPUT_SCALE, ROUNDING);
    }

    /** mean / sample std × √(year / spacing); null with fewer than 2 returns or zero std. */
    private BigDecimal sharpeRatio() {
        BigDecimal perPeriod = SharpeStatistics.perPeriodSharpe(returns);
        return perPeriod == null ? null : perPeriod.multiply(annualisation(), MC).setScale(OUTPUT_SCALE, ROUNDING);
    }

    /** mean / √(Σmin(r,0)² / n) × √(year / spacing); null with fewer than 2 returns or no downside. */
    private BigDecimal sortinoRatio() {
        long n = returns.count();
        if (n < 2 || sumSquaredDownside.signum() == 0) {
            return null;
        }
        BigDecimal downsideDeviation = sumSquaredDownside.divide(BigDecimal.valueOf(n), MC).sqrt(MC);
        BigDecimal mean = returns.sum().divide(BigDecimal.valueOf(n), MC);
        return mean.divide(downsideDeviation, MC).multiply(annualisation(), MC).setScale(OUTPUT_SCALE, ROUNDING);
    }

    /** √(seconds per year / spacing in seconds); spacing may carry nanoseconds. */
    private BigDecimal annualisation() {
        return SECONDS_PER_YEAR.divide(spacingSeconds(), MC).sqrt(MC);
    }

    private BigDecimal spacingSeconds() {
        return BigDecimal.valueOf(snapshotSpacing.getSeconds()).add(BigDecimal.valueOf(snapshotSpacing.getNano(), 9));
    }

    private BigDecimal winRate() {
        if (sells == 0) {
            return null;
        }
        return BigDecimal.valueOf(winningSells).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(sells), OUTPUT_SCALE, ROUNDING);
    }

    /** Null without a losing sell; {@link RankingRule} ranks that as +∞ when there is profit. */
    private BigDecimal profitFactor() {
        if (grossLoss.signum() == 0) {
            return null;
        }
        return grossProfit.divide(grossLoss.negate(), OUTPUT_SCALE, ROUNDING);
    }

    private static BigDecimal out(BigDecimal amount) {
        return amount.setScale(OUTPUT_SCALE, ROUNDING);
    }

    /** Equal when fed the same inputs: lets an aggregate compare its replayed state with the live one. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PerformanceTracker that && state().equals(that.state());
    }

    @Override
    public int hashCode() {
        return state().hashCode();
    }

    private java.util.List<Object> state() {
        return java.util.Arrays.asList(startingBalance, snapshotSpacing, lastEquity, returns, sumSquaredDownside, peak, drawdownPeak, drawdownTrough, fills, sells, winningSells,
                grossProfit, grossLoss, snapshotsUnderWater, longestUnderWater, losingSells, bestSell, worstSell, streak);
    }
}
