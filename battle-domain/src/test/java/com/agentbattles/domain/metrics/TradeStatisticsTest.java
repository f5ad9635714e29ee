package com.agentbattles.domain.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The trade record and the time under water; every expectation is worked out by hand next to it. */
class TradeStatisticsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aFreshTrackerHasNoTradeRecordAndNoTimeUnderWater() {
        TradeStatistics s = new PerformanceTracker(bd("10000"), DAY).tradeStatistics();

        assertThat(s.maxDrawdownSnapshots()).isZero();
        assertThat(s.maxDrawdownDuration()).isEqualTo(Duration.ZERO);
        assertThat(s.maxDrawdownDurationDays()).isZero();
        assertThat(s.avgWin()).isNull();
        assertThat(s.avgLoss()).isNull();
        assertThat(s.bestTrade()).isNull();
        assertThat(s.worstTrade()).isNull();
        assertThat(s.currentStreak()).isZero();
        assertThat(s.losingSells()).isZero();
        assertThat(s.avgTradesPerDay()).isNull();
    }

    @Test
    void theLongestRunBelowThePeakCountsAndReachingThePeakAgainEndsIt() {
        PerformanceTracker tracker = new PerformanceTracker(bd("10000"), DAY);
        // peak 10100; 9900 and 9800 are under water (run of 2); 10100 equals the peak: run over;
        // 10000 is under water again (run of 1). Longest: 2 snapshots × 1 d = 2 days.
        String[] curve = {"10100", "9900", "9800", "10100", "10000"};
        for (int i = 0; i < curve.length; i++) {
            tracker.recordEquity(T0.plus(DAY.multipliedBy(i + 1)), bd(curve[i]));
        }
        for (int i = 0; i < 6; i++) {
            tracker.recordFill();
        }

        TradeStatistics s = tracker.tradeStatistics();
        assertThat(s.maxDrawdownSnapshots()).isEqualTo(2);
        assertThat(s.maxDrawdownDuration()).isEqualTo(Duration.ofDays(2));
        assertThat(s.maxDrawdownDurationDays()).isEqualTo(2);
        // 6 fills over 5 snapshots × 1 d: 6 / 5 = 1.2 a day
        assertThat(s.avgTradesPerDay()).isEqualTo(bd("1.20000000"));
    }

    @Test
    void aFallRightAfterTheStartIsUnderWaterAndShorterThanADayIsZeroWholeDays() {
        Duration minute = Duration.ofMinutes(1);
        PerformanceTracker tracker = new PerformanceTracker(bd("10000"), minute);
        tracker.recordEquity(T0.plus(minute), bd("9990"));
        tracker.recordEquity(T0.plus(minute.multipliedBy(2)), bd("9980"));
        tracker.recordEquity(T0.plus(minute.multipliedBy(3)), bd("9970"));
        tracker.recordFill();

        TradeStatistics s = tracker.tradeStatistics();
        // the peak is the starting balance: three snapshots below it, 3 minutes
        assertThat(s.maxDrawdownSnapshots()).isEqualTo(3);
        assertThat(s.maxDrawdownDuration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.maxDrawdownDurationDays()).isZero();
        // 1 fill in 3 minutes: 1 × 86,400 / 180 = 480 a day
        assertThat(s.avgTradesPerDay()).isEqualTo(bd("480.00000000"));
    }

    @Test
    void winsLossesBestWorstAndTheStreakEndingAtTheLastSell() {
        PerformanceTracker tracker = new PerformanceTracker(bd("10000"), DAY);
        // streak after each: +1, −1, 0 (a sell at exactly 0), +1, −1, −2
        for (String pnl : new String[]{"30", "-10", "0", "20", "-5", "-15.5"}) {
            tracker.recordRealizedSell(bd(pnl));
        }

        TradeStatistics s = tracker.tradeStatistics();
        // wins 30 + 20 = 50 over 2
        assertThat(s.avgWin()).isEqualTo(bd("25.00000000"));
        // losses −10 − 5 − 15.5 = −30.5 over 3 = −10.1666…, 8 dp HALF_EVEN
        assertThat(s.avgLoss()).isEqualTo(bd("-10.16666667"));
        assertThat(s.losingSells()).isEqualTo(3);
        assertThat(s.bestTrade()).isEqualTo(bd("30.00000000"));
        assertThat(s.worstTrade()).isEqualTo(bd("-15.50000000"));
        assertThat(s.currentStreak()).isEqualTo(-2);

        tracker.recordRealizedSell(bd("1"));
        tracker.recordRealizedSell(bd("2"));
        assertThat(tracker.tradeStatistics().currentStreak()).isEqualTo(2);
        // win rate is unchanged by the new statistics: 4 wins of 8 sells
        assertThat(tracker.metrics(bd("10000")).winRate()).isEqualTo(bd("50.00000000"));
    }

    @Test
    void onlyWinsLeaveTheAverageLossNullAndTheWorstTradeIsTheSmallestWin() {
        PerformanceTracker tracker = new PerformanceTracker(bd("10000"), DAY);
        tracker.recordRealizedSell(bd("4"));
        tracker.recordRealizedSell(bd("2"));

        TradeStatistics s = tracker.tradeStatistics();
        assertThat(s.avgLoss()).isNull();
        assertThat(s.avgWin()).isEqualTo(bd("3.00000000"));
        assertThat(s.worstTrade()).isEqualTo(bd("2.00000000"));
        assertThat(s.currentStreak()).isEqualTo(2);
    }
}
