package com.agentbattles.domain.metrics;

import com.agentbattles.domain.battle.RankingMetric;
import com.agentbattles.domain.metrics.RankingRule.Entry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankingRuleTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static BigDecimal bd(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    /** Metrics where only the ranked fields matter; roi mirrors pnl on a 10000 start. */
    private static PerformanceMetrics m(String pnl, String sharpe, String winRate, String profitFactor,
                                        String grossProfit) {
        BigDecimal p = bd(pnl);
        return new PerformanceMetrics(bd("10000").add(p), p.divide(bd("100")), p, bd(sharpe), null, bd("0"),
                bd(winRate), bd(profitFactor), 0, 0, 0, bd(grossProfit), bd("0"), null, null);
    }

    private static PerformanceMetrics pnl(String pnl) {
        return m(pnl, null, null, null, "0");
    }

    private static Entry e(String id, int joinOrder, PerformanceMetrics metrics) {
        return new Entry(id, joinOrder, metrics, null);
    }

    private static Entry e(String id, int joinOrder, PerformanceMetrics metrics, Instant eliminatedAt) {
        return new Entry(id, joinOrder, metrics, eliminatedAt);
    }

    private static List<String> ids(RankingMetric metric, boolean survival, Entry... entries) {
        return RankingRule.rank(metric, survival, List.of(entries)).stream().map(Entry::agentId).toList();
    }

    @Test
    void roiHigherFirstAndATieGoesToTheHigherPnlThenTheEarlierJoiner() {
        // roi is pnl/100 here, so equal roi means equal pnl: the join order decides c before d
        assertThat(ids(RankingMetric.ROI_PCT, false,
                e("a", 0, pnl("-50")), e("d", 3, pnl("120")), e("b", 1, pnl("300")), e("c", 2, pnl("120.00"))))
                .containsExactly("b", "c", "d", "a");

        // equal roi with different pnl (different starting balances): the higher pnl first
        PerformanceMetrics small = new PerformanceMetrics(bd("1100"), bd("10"), bd("100"), null, null, bd("0"),
                null, null, 0, 0, 0, bd("0"), bd("0"), null, null);
        PerformanceMetrics large = new PerformanceMetrics(bd("11000"), bd("10.00000000"), bd("1000"), null, null,
                bd("0"), null, null, 0, 0, 0, bd("0"), bd("0"), null, null);
        assertThat(ids(RankingMetric.ROI_PCT, false, e("small", 0, small), e("large", 1, large)))
                .containsExactly("large", "small");
    }

    @Test
    void totalPnlTiesGoToTheEarlierJoinerWhateverTheInputOrder() {
        assertThat(ids(RankingMetric.TOTAL_PNL, false, e("late", 5, pnl("10")), e("early", 1, pnl("10")),
                e("best", 9, pnl("10.01")))).containsExactly("best", "early", "late");
    }

    @Test
    void sharpeNullsRankLastAndTieAmongThemselvesByPnlThenJoinOrder() {
        /*
         * finite sharpe first (2.5 > 1 > −3), then the three nulls: pnl 40 > pnl 5 = pnl 5 (join 2 < join 4)
         */
        assertThat(ids(RankingMetric.SHARPE_RATIO, false,
                e("nullLate", 4, m("5", null, null, null, "0")),
                e("neg", 0, m("-900", "-3", null, null, "0")),
                e("nullRich", 3, m("40", null, null, null, "0")),
                e("one", 1, m("0", "1", null, null, "0")),
                e("nullEarly", 2, m("5", null, null, null, "0")),
                e("top", 5, m("-10", "2.5", null, null, "0"))))
                .containsExactly("top", "one", "neg", "nullRich", "nullEarly", "nullLate");
    }

    @Test
    void winRateWithNullsAndEqualValues() {
        assertThat(ids(RankingMetric.WIN_RATE, false,
                e("none", 0, m("999", null, null, null, "0")),
                e("sixty", 1, m("1", null, "60", null, "0")),
                e("sixtyRicher", 2, m("2", null, "60.00000000", null, "0")),
                e("hundred", 3, m("-5", null, "100", null, "0")),
                e("zero", 4, m("0", null, "0", null, "0"))))
                .containsExactly("hundred", "sixtyRicher", "sixty", "zero", "none");
    }

    @Test
    void profitFactorNullWithProfitIsPlusInfinityNullWithoutProfitIsLast() {
        /*
         * +∞ (null pf, gross profit > 0): infB (pnl 300) and infD (pnl 200) tie on +∞ → by pnl: infB, infD
         * finite: 2.50 (pnl 150) ties 2.5 (pnl 100) → e, a; then 0.4
         * null pf without profit (no sells, or only zero-PnL sells): last, by pnl
         */
        assertThat(ids(RankingMetric.PROFIT_FACTOR, false,
                e("a", 0, m("100", null, null, "2.5", "150")),
                e("noSells", 1, m("50", null, null, null, "0")),
                e("infD", 2, m("200", null, null, null, "200")),
                e("weak", 3, m("-20", null, null, "0.4", "20")),
                e("infB", 4, m("300", null, null, null, "300")),
                e("e", 5, m("150", null, null, "2.50", "250")),
                e("zeroSells", 6, m("-1", null, null, null, "0"))))
                .containsExactly("infB", "infD", "e", "a", "weak", "noSells", "zeroSells");

        // two +∞ with equal pnl: the earlier joiner
        assertThat(ids(RankingMetric.PROFIT_FACTOR, false,
                e("second", 1, m("10", null, null, null, "10")),
                e("first", 0, m("10", null, null, null, "10"))))
                .containsExactly("first", "second");
    }

    @Test
    void survivalPutsSurvivorsFirstThenTheLaterEliminated() {
        /*
         * survivors s1 (pnl 5), s2 (pnl −100): by metric among themselves → s1, s2
         * eliminated at T+2h: x (pnl −900), y (pnl −800) → same time, by metric: y, x
         * eliminated at T+1h: early (pnl −10, the best pnl of the eliminated) → after every later one
         */
        assertThat(ids(RankingMetric.TOTAL_PNL, true,
                e("early", 0, pnl("-10"), T.plusSeconds(3600)),
                e("x", 1, pnl("-900"), T.plusSeconds(7200)),
                e("s2", 2, pnl("-100")),
                e("y", 3, pnl("-800"), T.plusSeconds(7200)),
                e("s1", 4, pnl("5"))))
                .containsExactly("s1", "s2", "y", "x", "early");
    }

    @Test
    void withoutSurvivalEliminationIsIgnored() {
        assertThat(ids(RankingMetric.TOTAL_PNL, false,
                e("survivor", 0, pnl("-100")),
                e("eliminated", 1, pnl("50"), T)))
                .containsExactly("eliminated", "survivor");
    }

    @Test
    void theInputIsNotChangedAndAnEmptyBattleRanksNobody() {
        List<Entry> input = new ArrayList<>(List.of(e("b", 1, pnl("1")), e("a", 0, pnl("2"))));
        List<Entry> ranked = RankingRule.rank(RankingMetric.TOTAL_PNL, false, input);
        assertThat(input).extracting(Entry::agentId).containsExactly("b", "a");
        assertThat(ranked).extracting(Entry::agentId).containsExactly("a", "b");
        assertThat(RankingRule.rank(RankingMetric.ROI_PCT, true, List.of())).isEmpty();
    }

    @Test
    void ranksWhatTheTrackerProduces() {
        // winner only wins (pf null, profit 20 → +∞), loser has a pf of 10/30 = 0.33333333
        PerformanceTracker winner = new PerformanceTracker(bd("1000"), Duration.ofSeconds(5));
        winner.recordRealizedSell(bd("20"));
        PerformanceTracker loser = new PerformanceTracker(bd("1000"), Duration.ofSeconds(5));
        loser.recordRealizedSell(bd("10"));
        loser.recordRealizedSell(bd("-30"));

        assertThat(ids(RankingMetric.PROFIT_FACTOR, false,
                e("loser", 0, loser.metrics(bd("980"))), e("winner", 1, winner.metrics(bd("1020")))))
                .containsExactly("winner", "loser");
    }
}
