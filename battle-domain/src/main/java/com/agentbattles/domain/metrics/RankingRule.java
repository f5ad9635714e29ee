package com.agentbattles.domain.metrics;

import com.agentbattles.domain.battle.RankingMetric;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Orders participants by the battle's metric, higher first; a null metric ranks last (except a
 * null profit factor with profit, which is +∞); ties go to the higher total_pnl, then to the
 * earlier joiner. In survival battles survivors come first, then the later eliminated.
 *
 * <p>Values compare with {@code compareTo} (1.0 ties 1.00) on the reported, rounded metrics, so
 * the ranking is what a reader of the results can check. The agent id is the last tie-break only
 * so that the order is total and never depends on the input order.
 */
public final class RankingRule {

    /**
     * @param joinOrder    0 for the first participant to join
     * @param eliminatedAt null when the participant was never eliminated
     */
    public record Entry(String agentId, int joinOrder, PerformanceMetrics metrics, Instant eliminatedAt) {
        public Entry {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    private RankingRule() {
    }

    /** The entries best first; rank = position + 1. O(n log n); each comparison reads two fields. */
    public static List<Entry> rank(RankingMetric metric, boolean survival, List<Entry> entries) {
        Objects.requireNonNull(metric, "metric");
        Comparator<Entry> byMetric = Comparator.comparing((Entry e) -> Score.of(metric, e.metrics()))
                .thenComparing(e -> Score.finiteOrLast(e.metrics().totalPnl()))
                .thenComparingInt(Entry::joinOrder)
                .thenComparing(Entry::agentId);
        Comparator<Entry> order = survival ? SURVIVAL.thenComparing(byMetric) : byMetric;
        return entries.stream().sorted(order).toList();
    }

    /** Survivors (never eliminated) first, then the later eliminated before the earlier. */
    private static final Comparator<Entry> SURVIVAL = Comparator.comparing(Entry::eliminatedAt,
            Comparator.nullsFirst(Comparator.<Instant>reverseOrder()));

    /**
     * A metric value on an extended line, sorted best first: +∞, then finite values from high to
     * low, then "no value". Two +∞ or two "no value" tie (and fall through to the next rule).
     */
    private record Score(int tier, BigDecimal value) implements Comparable<Score> {
        private static final int PLUS_INFINITY = 0;
        private static final int FINITE = 1;
        private static final int NONE = 2;

        static Score of(RankingMetric metric, PerformanceMetrics m) {
            Function<PerformanceMetrics, BigDecimal> value = switch (metric) {
                case ROI_PCT -> PerformanceMetrics::roiPct;
                case TOTAL_PNL -> PerformanceMetrics::totalPnl;
                case SHARPE_RATIO -> PerformanceMetrics::sharpeRatio;
                case WIN_RATE -> PerformanceMetrics::winRate;
                case PROFIT_FACTOR -> PerformanceMetrics::profitFactor;
            };
            // profit_factor is null when nothing was lost: with a profit that is the best case (+∞),
            // without one (no sells, or only zero-PnL sells) there is nothing to rank by.
            if (metric == RankingMetric.PROFIT_FACTOR && m.profitFactor() == null
                    && m.grossProfit() != null && m.grossProfit().signum() > 0) {
                return new Score(PLUS_INFINITY, null);
            }
            return finiteOrLast(value.apply(m));
        }

        static Score finiteOrLast(BigDecimal value) {
            return value == null ? new Score(NONE, null) : new Score(FINITE, value);
        }

        @Override
        public int compareTo(Score other) {
            if (tier != other.tier) {
                return Integer.compare(tier, other.tier);
            }
            return tier == FINITE ? other.value.compareTo(value) : 0; // higher value first
        }
    }
}
