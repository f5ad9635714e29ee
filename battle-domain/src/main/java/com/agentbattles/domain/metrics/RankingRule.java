package com.agentbattles.domain.metrics;

import com.agentbattles.domain.battle.RankingMetric;

import java.time.Instant;
import java.util.List;

/**
 * Orders participants by the battle's metric, higher first; a null metric ranks last (except a
 * null profit factor with profit, which is +∞); ties go to the higher total_pnl, then to the
 * earlier joiner. In survival battles survivors come first, then the later eliminated.
 */
public final class RankingRule {

    /**
     * @param joinOrder    0 for the first participant to join
     * @param eliminatedAt null when the participant was never eliminated
     */
    public record Entry(String agentId, int joinOrder, PerformanceMetrics metrics, Instant eliminatedAt) {
    }

    private RankingRule() {
    }

    /** The entries best first; rank = position + 1. */
    public static List<Entry> rank(RankingMetric metric, boolean survival, List<Entry> entries) {
        throw new UnsupportedOperationException("metrics: not implemented yet");
    }
}
