package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.domain.metrics.RankingRule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standings of a running battle, fed like the aggregate feeds its own calculator: one
 * {@link PerformanceTracker} per participant (equity snapshots, fills, realized sells) ranked by
 * {@link RankingRule}. Built whole from the read model for {@code GET /live}, and kept up
 * incrementally by the WebSocket push, so both rank with the same calculator and the same rule
 * as the final ranking. Not thread-safe: one owner at a time.
 */
public final class BattleStandings {

    /** One participant's standing; {@code rank} is 1 for the best. */
    public record Standing(int rank, String agentId, PerformanceMetrics metrics, Instant eliminatedAt) {
    }

    private static final class Entry {
        final int joinOrder;
        PerformanceTracker tracker;
        BigDecimal baseline;
        BigDecimal equity;
        boolean valued;
        Instant eliminatedAt;

        Entry(int joinOrder, BigDecimal baseline, Duration spacing) {
            this.joinOrder = joinOrder;
            this.baseline = baseline;
            this.equity = baseline;
            this.tracker = new PerformanceTracker(baseline, spacing);
        }
    }

    private final RankingMetric metric;
    private final boolean survival;
    private final Duration spacing;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * @param survival the battle has a loss limit (survivors rank first)
     * @param spacing  the snapshot spacing on the battle's clock: annualises sharpe
     */
    public BattleStandings(RankingMetric metric, boolean survival, Duration spacing) {
        this.metric = metric;
        this.survival = survival;
        this.spacing = spacing;
    }

    public void join(String agentId, int joinOrder, BigDecimal baseline) {
        entries.putIfAbsent(agentId, new Entry(joinOrder, baseline, spacing));
    }

    /** An existing-mode wallet arrived: its ROI is measured against its value at cost (before any snapshot). */
    public void rebase(String agentId, BigDecimal baseline) {
        Entry entry = entries.get(agentId);
        if (entry != null && !entry.valued) {
            entry.baseline = baseline;
            entry.equity = baseline;
            entry.tracker = new PerformanceTracker(baseline, spacing);
        }
    }

    public boolean contains(String agentId) {
        return entries.containsKey(agentId);
    }

    public void valued(String agentId, Instant at, BigDecimal equity) {
        Entry entry = entries.get(agentId);
        if (entry != null) {
            entry.tracker.recordEquity(at, equity);
            entry.equity = equity;
            entry.valued = true;
        }
    }

    /** A fill; {@code realizedPnl} is set for sells only. */
    public void filled(String agentId, BigDecimal realizedPnl) {
        Entry entry = entries.get(agentId);
        if (entry != null) {
            entry.tracker.recordFill();
            if (realizedPnl != null) {
                entry.tracker.recordRealizedSell(realizedPnl);
            }
        }
    }

    public void eliminated(String agentId, Instant at) {
        Entry entry = entries.get(agentId);
        if (entry != null) {
            entry.eliminatedAt = at;
        }
    }

    /** Everyone ranked, best first; equity is the latest snapshot's (the baseline before the first). */
    public List<Standing> ranked() {
        List<RankingRule.Entry> ranking = new ArrayList<>(entries.size());
        entries.forEach((agentId, entry) -> ranking.add(new RankingRule.Entry(agentId, entry.joinOrder,
                entry.tracker.metrics(entry.equity), entry.eliminatedAt)));
        List<RankingRule.Entry> ranked = RankingRule.rank(metric, survival, ranking);
        List<Standing> standings = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            RankingRule.Entry entry = ranked.get(i);
            standings.add(new Standing(i + 1, entry.agentId(), entry.metrics(), entry.eliminatedAt()));
        }
        return standings;
    }
}
