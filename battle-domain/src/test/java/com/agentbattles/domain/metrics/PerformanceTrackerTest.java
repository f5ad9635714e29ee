package com.agentbattles.domain.metrics;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every expectation below is worked out by hand (or with exact fractions) in the comment next to it. */
class PerformanceTrackerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    /** A tracker from 10000 with 1m spacing fed the given snapshots, one minute apart. */
    private static PerformanceTracker curve(String... equities) {
        PerformanceTracker tracker = new PerformanceTracker(bd("10000"), MINUTE);
        for (int i = 0; i < equities.length; i++) {
            tracker.recordEquity(T0.plus(MINUTE.multipliedBy(i + 1)), bd(equities[i]));
        }
        return tracker;
    }

    @Nested
    class RoiAndPnl {

        @Test
        void aFreshTrackerHasZeroRoiZeroDrawdownAndEveryUndefinedMetricNull() {
            PerformanceMetrics m = new PerformanceTracker(bd("10000"), MINUTE).metrics(bd("10000"));

            assertThat(m.equity()).isEqualTo(bd("10000.00000000"));
            assertThat(m.roiPct()).isEqualTo(bd("0E-8"));
            assertThat(m.totalPnl()).isEqualTo(bd("0E-8"));
            assertThat(m.maxDrawdownPct()).isEqualTo(bd("0E-8"));
            assertThat(m.sharpeRatio()).isNull();
            assertThat(m.sortinoRatio()).isNull();
            assertThat(m.winRate()).isNull();
            assertThat(m.profitFactor()).isNull();
            assertThat(m.totalTrades()).isZero();
            assertThat(m.sells()).isZero();
            assertThat(m.winningSells()).isZero();
            assertThat(m.grossProfit()).isEqualTo(bd("0E-8"));
            assertThat(m.grossLoss()).isEqualTo(bd("0E-8"));
        }

        @Test
        void roiAndPnlComeFromTheCurrentEquityNotFromTheLastSnapshot() {
            PerformanceTracker tracker = curve("9000");

            // pnl = 10250.5 − 10000 = 250.5; roi = 250.5 / 10000 × 100 = 2.505 %
            PerformanceMetrics m = tracker.metrics(bd("10250.5"));
            assertThat(m.equity()).isEqualTo(bd("10250.50000000"));
            assertThat(m.totalPnl()).isEqualTo(bd("250.50000000"));
            assertThat(m.roiPct()).isEqualTo(bd("2.50500000"));
        }

        @Test
        void aLossGivesNegativeRoiRoundedHalfEvenTo8Dp() {
            // pnl = 9876.54321 − 10000 = −123.45679; roi = −1.2345679 % → 8 dp −1.23456790
            PerformanceMetrics m = curve().metrics(bd("9876.54321"));
            assertThat(m.totalPnl()).isEqualTo(bd("-123.45679000"));
            assertThat(m.roiPct()).isEqualTo(bd("-1.23456790"));

            // start 3, equity 4: roi = 1/3 × 100 = 33.333333333… → 33.33333333
            assertThat(new PerformanceTracker(bd("3"), MINUTE).metrics(bd("4")).roiPct()).isEqualTo(bd("33.33333333"));
            // start 8, equity 8.0000000004: roi = 0.000000005 % exactly, a half: HALF_EVEN → 0.00000000
            assertThat(new PerformanceTracker(bd("8"), MINUTE).metrics(bd("8.0000000004")).roiPct())
                    .isEqualTo(bd("0E-8"));
        }

        @Test
        void fillsAreCountedWhateverTheirSide() {
            PerformanceTracker tracker = curve();
            tracker.recordFill();
            tracker.recordFill();
            tracker.recordFill();
            tracker.recordRealizedSell(bd("1"));

            assertThat(tracker.metrics(bd("10000")).totalTrades()).isEqualTo(3);
        }
    }

    @Nested
    class SharpeAndSortino {

        /*
         * 10000 → 10100 → 10050 → 10200, spacing 60 s.
         * r1 = 100/10000   =  0.01
         * r2 = −50/10100   = −0.004950495049504950|495… → 18 dp −0.004950495049504950
         * r3 = 150/10050   =  0.014925373134328358|208… → 18 dp  0.014925373134328358
         * Σr  = 0.019974878084823408          mean = Σr/3 = 0.006658292694941136
         * Σr² = 0.000347274164434103730650415837478664
         * sample var = (3Σr² − (Σr)²) / (3·2) = 0.000107137789799792122…
         * std = 0.010350738611316205100…
         * annualisation = √(31,536,000 / 60) = √525,600 = 724.98275841567432…
         * sharpe = 0.006658292694941136 / 0.0103507386113162051 × 724.982758415674 = 466.3577726752715…
         *        → 466.35777268
         * downside: Σmin(r,0)² = r2² = 0.0000245074012351730173512400745025
         * downside deviation = √(Σ/3) = 0.002858169649453592607…
         * sortino = 0.006658292694941136 / 0.0028581696494535926 × 724.982758415674 = 1688.894641100182…
         *        → 1688.89464110
         * (With the exact returns 1/100, −1/202, 1/67 instead of the 18 dp ones: sharpe
         * 466.3577726752715…, sortino 1688.894641100181…: the same to 8 dp.)
         */
        @Test
        void aShortCurveWithOneMinuteSpacing() {
            PerformanceMetrics m = curve("10100", "10050", "10200").metrics(bd("10200"));

            assertThat(m.sharpeRatio()).isEqualTo(bd("466.35777268"));
            assertThat(m.sortinoRatio()).isEqualTo(bd("1688.89464110"));
            assertThat(m.roiPct()).isEqualTo(bd("2.00000000"));
        }

        @Test
        void bothAreNullWithFewerThanTwoReturns() {
            assertThat(curve().metrics(bd("10000")).sharpeRatio()).isNull();
            PerformanceMetrics oneReturn = curve("9000").metrics(bd("9000"));
            assertThat(oneReturn.sharpeRatio()).isNull();
            assertThat(oneReturn.sortinoRatio()).isNull();
        }

        @Test
        void bothAreNullWhenEveryReturnIsTheSame() {
            // 10000 → 10100 → 10201: r = 0.01, 0.01; 2·0.0002 − 0.02² = 0 exactly → std 0; no downside
            PerformanceMetrics m = curve("10100", "10201").metrics(bd("10201"));
            assertThat(m.sharpeRatio()).isNull();
            assertThat(m.sortinoRatio()).isNull();

            // a flat curve: every return 0
            PerformanceMetrics flat = curve("10000", "10000", "10000").metrics(bd("10000"));
            assertThat(flat.sharpeRatio()).isNull();
            assertThat(flat.sortinoRatio()).isNull();
        }

        @Test
        void sortinoIsNullWithoutADownsideReturnWhileSharpeIsDefined() {
            /*
             * 10000 → 10100 → 10302: r = 0.01, 0.02; mean 0.015;
             * sample var = (2·0.0005 − 0.03²)/2 = 0.00005, std = 0.00707106781186547524…
             * sharpe = 0.015/0.00707106781186547524 × √525600 = (1.5·√2) × √525600 = √(4.5 × 525600)
             *        = √2365200 = 1537.92067415715561…
             */
            PerformanceMetrics m = curve("10100", "10302").metrics(bd("10302"));
            assertThat(m.sortinoRatio()).isNull();
            assertThat(m.sharpeRatio()).isEqualTo(bd("1537.92067416"));
        }

        @Test
        void aLosingCurveHasNegativeRatios() {
            /*
             * 10000 → 9900 → 9999: r = −0.01, 0.01; mean 0 → sharpe 0, sortino 0 (downside is defined)
             */
            PerformanceMetrics m = curve("9900", "9999").metrics(bd("9999"));
            assertThat(m.sharpeRatio()).isEqualByComparingTo("0");
            assertThat(m.sortinoRatio()).isEqualByComparingTo("0");

            /*
             * 10000 → 9000 → 9000: r = −0.1, 0; mean −0.05; var = (2·0.01 − 0.01)/2 = 0.005,
             * std = √0.005 = 0.0707106781186547524; sharpe = −0.05/√0.005 × √525600 = −√0.5 × √525600
             *        = −√262800 = −512.64022471905187…
             * downside dev = √(0.01/2) = same 0.0707…, so sortino = sharpe
             */
            PerformanceMetrics loss = curve("9000", "9000").metrics(bd("9000"));
            assertThat(loss.sharpeRatio()).isEqualTo(bd("-512.64022472"));
            assertThat(loss.sortinoRatio()).isEqualTo(loss.sharpeRatio());
        }

        @Test
        void theSpacingAnnualisesAndTheTimeArgumentDoesNot() {
            /*
             * Same returns 0.01, 0.02 at 1 day spacing: √(31,536,000/86,400) = √365 = 19.1049731745428…
             * sharpe = (1.5·√2) × √365 = √(4.5 × 365) = √1642.5 = 40.52776825831888…
             */
            PerformanceTracker daily = new PerformanceTracker(bd("10000"), Duration.ofDays(1));
            daily.recordEquity(T0, bd("10100"));
            daily.recordEquity(T0, bd("10302")); // same instant twice: time is informational
            assertThat(daily.metrics(bd("10302")).sharpeRatio()).isEqualTo(bd("40.52776826"));
        }

        @Test
        void aReturnFromZeroEquityIsZero() {
            // 10000 → 0 → 0: r = −1, then 0 (nothing left to move), no division by zero
            PerformanceMetrics m = curve("0", "0").metrics(bd("0"));
            assertThat(m.roiPct()).isEqualTo(bd("-100.00000000"));
            assertThat(m.maxDrawdownPct()).isEqualTo(bd("100.00000000"));
            assertThat(m.sharpeRatio()).isNotNull();
        }
    }

    @Nested
    class MaxDrawdown {

        @Test
        void isZeroWhenNeverBelowAPeak() {
            assertThat(curve("10000", "10100", "10100", "10500").metrics(bd("10500")).maxDrawdownPct())
                    .isEqualTo(bd("0E-8"));
        }

        @Test
        void theStartingBalanceIsTheFirstPeak() {
            // 10000 → 9500: (10000 − 9500)/10000 × 100 = 5 %
            assertThat(curve("9500", "11000").metrics(bd("11000")).maxDrawdownPct()).isEqualTo(bd("5.00000000"));
        }

        @Test
        void theDeeperOfTwoPeaksDrawdownsWinsEvenWhenSmallerInUsdt() {
            /*
             * peak 11000 → 9900: 1100/11000 = 10 %
             * peak 12000 → 10200: 1800/12000 = 15 %   ← max
             * peak 12500 → 11875: 625/12500 = 5 %
             */
            assertThat(curve("11000", "9900", "12000", "10200", "12500", "11875").metrics(bd("11875"))
                    .maxDrawdownPct()).isEqualTo(bd("15.00000000"));
            /*
             * peak 12000 → 9000: 3000/12000 = 25 %   ← max
             * peak 40000 → 32000: 8000/40000 = 20 % (more USDT lost, a smaller fraction)
             */
            assertThat(curve("12000", "9000", "40000", "32000").metrics(bd("32000")).maxDrawdownPct())
                    .isEqualTo(bd("25.00000000"));
        }

        @Test
        void isRoundedHalfEvenTo8Dp() {
            // peak 30000 → 20000: 10000/30000 × 100 = 33.333333333… % → 33.33333333
            assertThat(curve("30000", "20000").metrics(bd("20000")).maxDrawdownPct()).isEqualTo(bd("33.33333333"));
        }

        @Test
        void theCurrentEquityIsNotASnapshot() {
            assertThat(curve("10000").metrics(bd("5000")).maxDrawdownPct()).isEqualTo(bd("0E-8"));
        }
    }

    @Nested
    class WinRateAndProfitFactor {

        @Test
        void aZeroPnlSellCountsAsASellButNeitherWinNorLoss() {
            /*
             * sells +30, −10, 0, +20, −5 → 5 sells, 2 winning
             * win rate = 2/5 × 100 = 40 %
             * gross profit = 50, gross loss = −15, profit factor = 50/15 = 3.3333…
             */
            PerformanceTracker tracker = curve();
            for (String pnl : new String[]{"30", "-10", "0", "20", "-5"}) {
                tracker.recordRealizedSell(bd(pnl));
            }
            PerformanceMetrics m = tracker.metrics(bd("10035"));

            assertThat(m.sells()).isEqualTo(5);
            assertThat(m.winningSells()).isEqualTo(2);
            assertThat(m.winRate()).isEqualTo(bd("40.00000000"));
            assertThat(m.grossProfit()).isEqualTo(bd("50.00000000"));
            assertThat(m.grossLoss()).isEqualTo(bd("-15.00000000"));
            assertThat(m.profitFactor()).isEqualTo(bd("3.33333333"));
        }

        @Test
        void bothAreNullWithoutSells() {
            PerformanceTracker tracker = curve("10100");
            tracker.recordFill(); // a buy is a fill, not a sell
            PerformanceMetrics m = tracker.metrics(bd("10100"));
            assertThat(m.winRate()).isNull();
            assertThat(m.profitFactor()).isNull();
            assertThat(m.totalTrades()).isEqualTo(1);
        }

        @Test
        void profitFactorIsNullWithoutALosingSell() {
            PerformanceTracker winsOnly = curve();
            winsOnly.recordRealizedSell(bd("12.5"));
            PerformanceMetrics wins = winsOnly.metrics(bd("10012.5"));
            assertThat(wins.winRate()).isEqualTo(bd("100.00000000"));
            assertThat(wins.profitFactor()).isNull();
            assertThat(wins.grossProfit()).isEqualTo(bd("12.50000000"));

            PerformanceTracker zeroOnly = curve();
            zeroOnly.recordRealizedSell(bd("0.00"));
            PerformanceMetrics zero = zeroOnly.metrics(bd("10000"));
            assertThat(zero.winRate()).isEqualTo(bd("0E-8"));
            assertThat(zero.profitFactor()).isNull();
            assertThat(zero.grossProfit()).isEqualTo(bd("0E-8"));
        }

        @Test
        void profitFactorIsZeroWithLossesOnly() {
            // 0 / |−7| = 0; win rate 0/2
            PerformanceTracker tracker = curve();
            tracker.recordRealizedSell(bd("-3"));
            tracker.recordRealizedSell(bd("-4"));
            PerformanceMetrics m = tracker.metrics(bd("9993"));
            assertThat(m.profitFactor()).isEqualTo(bd("0E-8"));
            assertThat(m.winRate()).isEqualTo(bd("0E-8"));
        }

        @Test
        void winRateRoundsHalfEven() {
            // 1 win of 3 sells: 33.333333333… → 33.33333333; 2 of 3: 66.666666666… → 66.66666667
            PerformanceTracker tracker = curve();
            tracker.recordRealizedSell(bd("1"));
            tracker.recordRealizedSell(bd("-1"));
            tracker.recordRealizedSell(bd("-1"));
            assertThat(tracker.metrics(bd("9999")).winRate()).isEqualTo(bd("33.33333333"));
            tracker.recordRealizedSell(bd("1"));
            tracker.recordRealizedSell(bd("1"));
            tracker.recordRealizedSell(bd("-1"));
            tracker.recordRealizedSell(bd("1"));
            tracker.recordRealizedSell(bd("1"));
            tracker.recordRealizedSell(bd("1"));
            // 6 of 9
            assertThat(tracker.metrics(bd("10003")).winRate()).isEqualTo(bd("66.66666667"));
        }
    }

    @Test
    void rejectsWhatCannotBeAStart() {
        assertThatThrownBy(() -> new PerformanceTracker(bd("0"), MINUTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerformanceTracker(bd("10000"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PerformanceTracker(null, MINUTE)).isInstanceOf(NullPointerException.class);
    }
}
