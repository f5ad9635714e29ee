package com.agentbattles.domain.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the battle's buy-and-hold baseline is worth at one snapshot: the starting balance split
 * evenly over the pairs at their first price, bought with the battle's costs and held. It is not
 * ranked; each participant's {@code excess_roi_pct} is measured against its {@code roi_pct}.
 * The holding itself is kept by the engine's {@code BuyAndHold} (the fills need the engine's
 * fee and slippage code); this is its reading, with roi and pnl by the calculator's rules.
 *
 * @param holdings symbol → quantity bought (a pair not priced yet is absent)
 */
public record BaselineValue(BigDecimal equity, BigDecimal roiPct, BigDecimal totalPnl, Map<String, BigDecimal> holdings) {

    public BaselineValue {
        holdings = holdings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(holdings));
    }

    /** The baseline worth {@code equity}, roi and pnl against the battle's starting balance (8 dp, as every metric). */
    public static BaselineValue of(BigDecimal startingBalance, BigDecimal equity, Map<String, BigDecimal> holdings) {
        BigDecimal rounded = equity.setScale(8, RoundingMode.HALF_EVEN);
        return new BaselineValue(rounded, PerformanceTracker.roiPct(startingBalance, rounded),
                rounded.subtract(startingBalance).setScale(8, RoundingMode.HALF_EVEN), holdings);
    }

    /**
     * A participant's roi_pct minus the baseline's, both at 8 dp, so the difference is exact;
     * null when either is (no baseline before the battle's first price).
     */
    public static BigDecimal excessRoiPct(BigDecimal roiPct, BaselineValue baseline) {
        if (roiPct == null || baseline == null) {
            return null;
        }
        return roiPct.subtract(baseline.roiPct()).setScale(8, RoundingMode.HALF_EVEN);
    }

    /** Same equity, roi and holdings, compared as numbers (a stored {@code 0E-8} equals a computed {@code 0.00000000}). */
    public boolean sameAs(BaselineValue other) {
        if (other == null || equity.compareTo(other.equity) != 0 || roiPct.compareTo(other.roiPct) != 0
                || totalPnl.compareTo(other.totalPnl) != 0 || !holdings.keySet().equals(other.holdings.keySet())) {
            return false;
        }
        return holdings.entrySet().stream().allMatch(e -> e.getValue().compareTo(other.holdings.get(e.getKey())) == 0);
    }
}
