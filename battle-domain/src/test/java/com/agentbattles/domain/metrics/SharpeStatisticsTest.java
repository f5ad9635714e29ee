package com.agentbattles.domain.metrics;

import com.agentbattles.domain.battle.RankingMetric;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PSR and DSR. The expected values of {@link HandComputed} were computed independently of this
 * code, in python3 with exact fractions for the moments and {@code statistics.NormalDist} for
 * Φ and Φ⁻¹ (the script's numbers are pasted in the comments).
 */
class SharpeStatisticsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Twelve returns whose sums are short decimals: Σr = 0.077, Σr² = 0.003269, Σr³ = 0.000045353, Σr⁴ = 0.000001673861. */
    static final List<String> SERIES = List.of("0.01", "-0.02", "0.015", "0.03", "-0.01", "0.005", "0.02", "-0.005",
            "0.01", "0.025", "-0.015", "0.012");

    private static List<BigDecimal> returns(List<String> values) {
        return values.stream().map(BigDecimal::new).toList();
    }

    private static SharpeStatistics statistics(List<BigDecimal> returns) {
        return SharpeStatistics.of(ReturnMoments.of(returns)).orElseThrow();
    }

    /** Equities from 10000 that move by exactly the given returns: e_i = e_{i−1} · (1 + r_i). */
    private static List<BigDecimal> equities(List<BigDecimal> returns) {
        List<BigDecimal> curve = new ArrayList<>();
        BigDecimal equity = new BigDecimal("10000");
        for (BigDecimal r : returns) {
            equity = equity.multiply(BigDecimal.ONE.add(r));
            curve.add(equity);
        }
        return curve;
    }

    private static PerformanceTracker tracker(List<BigDecimal> equities) {
        PerformanceTracker tracker = new PerformanceTracker(new BigDecimal("10000"), MINUTE);
        for (int i = 0; i < equities.size(); i++) {
            tracker.recordEquity(T0.plus(MINUTE.multipliedBy(i + 1)), equities.get(i));
        }
        return tracker;
    }

    @Nested
    class HandComputed {

        /*
         * n = 12, mean = 0.077 / 12 = 0.0064166…
         * Σ(r−mean)² = 0.003269 − 0.077²/12 = 0.00277491666…; sample variance = that / 11 = 0.000252265151…,
         *   sample std = 0.0158828571584319…, SR = mean / std = 0.40399951990125292244…
         * population moments m_k = Σ(r−mean)^k / 12: Σ(r−mean)³ = −0.0000112345138888…, Σ(r−mean)⁴ = 0.00000125635028993055…
         *   skewness γ₃ = m3 / m2^{3/2} = −0.26623796827989464141…, kurtosis γ₄ = m4 / m2² = 1.95790718255232782555…
         * σ(SR) = √((1 − γ₃·SR + (γ₄−1)/4·SR²) / 11) = √(1.14664636314369511… / 11) = 0.32286309554919504104…
         * PSR = Φ(SR / σ(SR)) = Φ(1.25130287564778374…) = 0.8945880016389512 → 0.894588
         */
        @Test
        void psrOfTheSeries() {
            SharpeStatistics s = statistics(returns(SERIES));
            assertThat(s.numReturns()).isEqualTo(12);
            assertThat(s.sharpe().setScale(20, RoundingMode.HALF_EVEN)).isEqualTo(new BigDecimal("0.40399951990125292244"));
            assertThat(s.skewness().setScale(20, RoundingMode.HALF_EVEN)).isEqualTo(new BigDecimal("-0.26623796827989464142"));
            assertThat(s.kurtosis().setScale(20, RoundingMode.HALF_EVEN)).isEqualTo(new BigDecimal("1.95790718255232782556"));
            assertThat(s.psr()).isEqualTo(new BigDecimal("0.894588"));
        }

        /*
         * E[max of N standard normals] ≈ (1−γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)), γ = 0.5772156649015329,
         * SR₀ = that × √(1/(n−1)) = that / √11, DSR = Φ((SR − SR₀) / σ(SR)):
         *   N = 2:  Φ⁻¹(0.5) = 0,                Φ⁻¹(1 − 1/(2e)) = 0.9004525966377903  → E = 0.5197553442805939,
         *           SR₀ = 0.15671213270552031, z = 0.76592026343268810, DSR = 0.7781381259725815 → 0.778138
         *   N = 3:  Φ⁻¹(2/3) = 0.43072729929545767, Φ⁻¹(1 − 1/(3e)) = 1.1619569289127327 → E = 0.8528044961506948,
         *           SR₀ = 0.25713023029635822, z = 0.45489649213412827, DSR = 0.6754081466639936 → 0.675408
         *   N = 10: Φ⁻¹(0.9) = 1.2815515655446008, Φ⁻¹(1 − 1/(10e)) = 1.7892417645816279 → E = 1.57459830134575,
         *           SR₀ = 0.47475925100861973, z = −0.21916326790772860, DSR = 0.4132614339267231 → 0.413261
         * N = 1: nothing to deflate, SR₀ = 0 and DSR = PSR.
         */
        @Test
        void dsrOfTheSeriesForOneTwoThreeAndTenTrials() {
            SharpeStatistics s = statistics(returns(SERIES));
            assertThat(s.expectedMaxSharpe(1)).isEqualByComparingTo("0");
            assertThat(s.expectedMaxSharpe(10).setScale(12, RoundingMode.HALF_EVEN)).isEqualTo(new BigDecimal("0.474759251009"));
            assertThat(s.dsr(1)).isEqualTo(new BigDecimal("0.894588"));
            assertThat(s.dsr(2)).isEqualTo(new BigDecimal("0.778138"));
            assertThat(s.dsr(3)).isEqualTo(new BigDecimal("0.675408"));
            assertThat(s.dsr(10)).isEqualTo(new BigDecimal("0.413261"));
        }

        /*
         * Annualised by √365: SR = 0.40399951990125292244 × 19.1049731745428… = 7.71839999024160722… → 7.71839999,
         * SR₀(10) = 0.47475925100861973 × 19.1049731745428… = 9.07026275488571… → 9.07026275;
         * p = 1 − 0.413261 = 0.586739 ≥ 0.05: not significant. With 2 trials p = 1 − 0.778138 = 0.221862.
         */
        @Test
        void theDeflatedTestAnnualisesTheSharpeRatiosAndRoundsTheMoments() {
            SharpeStatistics.Deflation d = statistics(returns(SERIES)).deflation(10, new BigDecimal("365"));
            assertThat(d.observedSharpe()).isEqualTo(new BigDecimal("7.71839999"));
            assertThat(d.expectedMaxSharpe()).isEqualTo(new BigDecimal("9.07026275"));
            assertThat(d.deflatedSharpe()).isEqualTo(new BigDecimal("0.413261"));
            assertThat(d.pValue()).isEqualTo(new BigDecimal("0.586739"));
            assertThat(d.significant()).isFalse();
            assertThat(d.numTrials()).isEqualTo(10);
            assertThat(d.numReturns()).isEqualTo(12);
            assertThat(d.skewness()).isEqualTo(new BigDecimal("-0.26623797"));
            assertThat(d.kurtosis()).isEqualTo(new BigDecimal("1.95790718"));
            assertThat(statistics(returns(SERIES)).deflation(2, new BigDecimal("365")).pValue())
                    .isEqualTo(new BigDecimal("0.221862"));
        }

        @Test
        void theTrackerFedTheEquitiesOfTheSeriesReportsTheSameStatistics() {
            PerformanceTracker tracker = tracker(equities(returns(SERIES)));
            BigDecimal last = equities(returns(SERIES)).get(SERIES.size() - 1);
            PerformanceMetrics alone = tracker.metrics(last);
            assertThat(alone.psr()).isEqualTo(new BigDecimal("0.894588"));
            assertThat(alone.dsr()).isEqualTo(alone.psr());
            assertThat(tracker.metrics(last, 3).dsr()).isEqualTo(new BigDecimal("0.675408"));
            // the per-period Sharpe × √(525,600) is the reported sharpe_ratio: 0.40399951990125292244 × 724.98275841567… = 292.8926…
            assertThat(alone.sharpeRatio()).isEqualTo(new BigDecimal("0.40399951990125292244")
                    .multiply(new BigDecimal("525600").sqrt(PerformanceTracker.MC)).setScale(8, RoundingMode.HALF_EVEN));
        }

        @Test
        void standingsDeflateByTheNumberOfParticipants() {
            BattleStandings standings = new BattleStandings(RankingMetric.ROI_PCT, false, MINUTE);
            standings.join("series", new BigDecimal("10000"));
            standings.join("flat-a", new BigDecimal("10000"));
            standings.join("flat-b", new BigDecimal("10000"));
            List<BigDecimal> curve = equities(returns(SERIES));
            for (int i = 0; i < curve.size(); i++) {
                Instant at = T0.plus(MINUTE.multipliedBy(i + 1));
                standings.valued("series", at, curve.get(i));
                standings.valued("flat-a", at, new BigDecimal("10000"));
                standings.valued("flat-b", at, new BigDecimal("10000"));
            }
            Map<String, PerformanceMetrics> byAgent = standings.ranked().stream()
                    .collect(Collectors.toMap(BattleStandings.Standing::agentId, BattleStandings.Standing::metrics));
            assertThat(byAgent.get("series").psr()).isEqualTo(new BigDecimal("0.894588"));
            assertThat(byAgent.get("series").dsr()).isEqualTo(new BigDecimal("0.675408")); // N = 3
            // a flat curve has no deviation: no Sharpe, so no psr and no dsr
            assertThat(byAgent.get("flat-a").psr()).isNull();
            assertThat(byAgent.get("flat-a").dsr()).isNull();
        }
    }

    @Nested
    class Properties {

        /** The series shifted by c: the same deviation, skewness and kurtosis, a higher mean. */
        private List<BigDecimal> shifted(String c) {
            return returns(SERIES).stream().map(r -> r.add(new BigDecimal(c))).toList();
        }

        @Test
        void psrRisesWithTheSharpe() {
            List<String> shifts = List.of("-0.02", "-0.01", "-0.005", "0", "0.002", "0.005", "0.01");
            BigDecimal previousSharpe = null;
            BigDecimal previousPsr = null;
            for (String shift : shifts) {
                SharpeStatistics s = statistics(shifted(shift));
                if (previousSharpe != null) {
                    assertThat(s.sharpe()).as("shift %s", shift).isGreaterThan(previousSharpe);
                    assertThat(s.psr()).as("shift %s", shift).isGreaterThan(previousPsr);
                }
                previousSharpe = s.sharpe();
                previousPsr = s.psr();
            }
            // a losing series is more likely luckless than lucky, a clearly winning one nearly certain
            assertThat(statistics(shifted("-0.02")).psr()).isLessThan(new BigDecimal("0.5"));
            assertThat(statistics(shifted("0.01")).psr()).isGreaterThan(new BigDecimal("0.99"));
        }

        @Test
        void dsrIsAtMostPsrAndFallsAsTrialsGrow() {
            for (String shift : List.of("-0.01", "0", "0.003", "0.01")) {
                SharpeStatistics s = statistics(shifted(shift));
                assertThat(s.dsr(1)).isEqualTo(s.psr());
                BigDecimal previous = s.psr();
                for (int trials : new int[]{2, 3, 5, 10, 100, 1000}) {
                    assertThat(s.dsr(trials)).as("shift %s, %d trials", shift, trials).isLessThanOrEqualTo(previous);
                    assertThat(s.expectedMaxSharpe(trials)).isPositive();
                    previous = s.dsr(trials);
                }
                assertThat(s.dsr(1000)).as("shift %s", shift).isLessThan(s.psr());
            }
        }

        @Test
        void theOrderOfTheReturnsDoesNotMatter() {
            List<BigDecimal> reversed = new ArrayList<>(returns(SERIES));
            java.util.Collections.reverse(reversed);
            assertThat(ReturnMoments.of(reversed)).isEqualTo(ReturnMoments.of(returns(SERIES)));
            assertThat(statistics(reversed).dsr(7)).isEqualTo(statistics(returns(SERIES)).dsr(7));
        }
    }

    @Nested
    class Undefined {

        @Test
        void fewerThanTenReturnsHaveNoStatistics() {
            assertThat(SharpeStatistics.of(ReturnMoments.of(returns(SERIES.subList(0, 9))))).isEmpty();
            assertThat(SharpeStatistics.of(ReturnMoments.of(returns(SERIES.subList(0, 10))))).isPresent();

            List<BigDecimal> curve = equities(returns(SERIES));
            PerformanceTracker nine = tracker(curve.subList(0, 9));
            assertThat(nine.metrics(curve.get(8)).sharpeRatio()).isNotNull();
            assertThat(nine.metrics(curve.get(8)).psr()).isNull();
            assertThat(nine.metrics(curve.get(8), 4).dsr()).isNull();
            assertThat(tracker(curve.subList(0, 10)).metrics(curve.get(9)).psr()).isNotNull();
        }

        @Test
        void equalReturnsHaveNoStatistics() {
            List<BigDecimal> constant = returns(java.util.Collections.nCopies(20, "0.001"));
            assertThat(SharpeStatistics.of(ReturnMoments.of(constant))).isEmpty();
        }

        @Test
        void trialsOutsideOneToAMillionAreRefused() {
            SharpeStatistics s = statistics(returns(SERIES));
            assertThatThrownBy(() -> s.dsr(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.dsr(SharpeStatistics.MAX_TRIALS + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.dsr(SharpeStatistics.MAX_TRIALS)).isBetween(BigDecimal.ZERO, s.psr());
        }
    }
}
