package com.agentbattles.domain.metrics;

import com.agentbattles.domain.battle.RankingMetric;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The standings of a battle: one {@link PerformanceTracker} per participant (equity snapshots,
 * fills, realized sells) ranked by {@link RankingRule}. The battle's own rules keep one to rank
 * at the end; {@code GET /live} builds one whole from the read model and the WebSocket push keeps
 * one up incrementally, so every ranking anyone sees comes from this one class. Not thread-safe:
 * one owner at a time.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class BattleStandings {

    /** One participant's standing; {@code rank} is 1 for the best. */
    public record Standing(int rank, String agentId, PerformanceMetrics metrics, Instant eliminatedAt) {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    private static final class Entry {
        int joinOrder;
        PerformanceTracker tracker;
        BigDecimal baseline;
        BigDecimal equity;
        boolean valued;
        Instant eliminatedAt;

        private Entry() {
            // for snapshots
        }

        Entry(int joinOrder, BigDecimal baseline, Duration spacing) {
            this.joinOrder = joinOrder;
            this.baseline = baseline;
            this.equity = baseline;
            this.tracker = new PerformanceTracker(baseline, spacing);
        }

        /** Equal standings from equal inputs: how a replay is checked against the standings that decided. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Entry that && joinOrder == that.joinOrder && valued == that.valued
                    && Objects.equals(tracker, that.tracker) && Objects.equals(baseline, that.baseline)
                    && Objects.equals(equity, that.equity) && Objects.equals(eliminatedAt, that.eliminatedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(joinOrder, tracker, baseline, equity, valued, eliminatedAt);
        }
    }

    private RankingMetric metric;
    private boolean survival;
    private Duration spacing;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    private BattleStandings() {
        // for snapshots
    }

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

    /**
     * Joins with a tracker already fed elsewhere (a read model that keeps each participant's
     * tracker up on every snapshot), as it stands now: {@code equity} is its latest snapshot's, the
     * baseline before the first. The same ranking then costs O(participants), not O(snapshots).
     */
    public void restore(String agentId, int joinOrder, BigDecimal baseline, PerformanceTracker tracker,
                        BigDecimal equity, Instant eliminatedAt) {
        Entry entry = new Entry(joinOrder, baseline, spacing);
        entry.tracker = tracker;
        entry.equity = equity;
        entry.valued = tracker.snapshots() > 0;
        entry.eliminatedAt = eliminatedAt;
        entries.putIfAbsent(agentId, entry);
    }

    /** Joins after everyone already here: ties are broken by arrival. */
    public void join(String agentId, BigDecimal baseline) {
        join(agentId, entries.size(), baseline);
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

    /** Takes a participant out of the ranking (a live participant whose wallet never arrived). */
    public void withdraw(String agentId) {
        entries.remove(agentId);
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
        return ranked(agentId -> entries.get(agentId).equity);
    }

    /** Everyone ranked, best first, with their equity as it is now (the end of a battle values everyone once more). */
    public List<Standing> ranked(Function<String, BigDecimal> equityNow) {
        List<RankingRule.Entry> ranking = new ArrayList<>(entries.size());
        // dsr deflates each Sharpe for the best of as many luck-only series as there are participants
        int trials = Math.max(1, entries.size());
        entries.forEach((agentId, entry) -> ranking.add(new RankingRule.Entry(agentId, entry.joinOrder,
                entry.tracker.metrics(equityNow.apply(agentId), trials), entry.eliminatedAt)));
        List<RankingRule.Entry> ranked = RankingRule.rank(metric, survival, ranking);
        List<Standing> standings = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            RankingRule.Entry entry = ranked.get(i);
            standings.add(new Standing(i + 1, entry.agentId(), entry.metrics(), entry.eliminatedAt()));
        }
        return standings;
    }
}
