package com.agentbattles.domain.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two promises that make one calculator enough: feeding step by step (live) equals feeding a
 * whole curve at once (results, backtests), and an aggregate snapshot restores a tracker that
 * carries on exactly as the original would have.
 */
class MetricsRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration SPACING = Duration.ofSeconds(5);
    private static final BigDecimal START = new BigDecimal("10000");

    /** A seeded random walk with 8 dp equities, some sells (including zero PnL) and fills. */
    private record Run(List<BigDecimal> curve, List<BigDecimal> pnls, long fills) {
        static Run of(long seed, int snapshots) {
            Random random = new Random(seed);
            List<BigDecimal> curve = new ArrayList<>();
            List<BigDecimal> pnls = new ArrayList<>();
            BigDecimal equity = START;
            for (int i = 0; i < snapshots; i++) {
                BigDecimal move = BigDecimal.valueOf(random.nextInt(2001) - 1000, 4); // −0.1 … +0.1
                equity = equity.add(equity.multiply(move).movePointLeft(2)).setScale(8, RoundingMode.HALF_EVEN);
                curve.add(equity);
                if (i % 7 == 0) {
                    pnls.add(BigDecimal.valueOf(random.nextInt(201) - 100, 2));
                }
            }
            pnls.add(BigDecimal.ZERO);
            return new Run(curve, pnls, pnls.size() * 2L);
        }

        BigDecimal last() {
            return curve.get(curve.size() - 1);
        }
    }

    private static PerformanceTracker feed(Run run, int upTo) {
        PerformanceTracker tracker = new PerformanceTracker(START, SPACING);
        for (int i = 0; i < upTo; i++) {
            tracker.recordEquity(T0.plus(SPACING.multipliedBy(i + 1)), run.curve().get(i));
        }
        return tracker;
    }

    @Test
    void incrementalFeedingEqualsTheBatchCalculation() {
        Run run = Run.of(42, 2_000);
        PerformanceTracker live = new PerformanceTracker(START, SPACING);
        int pnlIndex = 0;
        for (int i = 0; i < run.curve().size(); i++) {
            live.recordEquity(T0.plus(SPACING.multipliedBy(i + 1)), run.curve().get(i));
            // the live order interleaves sells and fills with snapshots; the batch does not
            if (i % 7 == 0 && pnlIndex < run.pnls().size()) {
                live.recordFill();
                live.recordFill();
                live.recordRealizedSell(run.pnls().get(pnlIndex++));
            }
            if (i == 999) { // a mid-battle ranking reads the same as a batch over the prefix
                assertThat(live.metrics(run.curve().get(i))).isEqualTo(MetricsCalculator.calculate(START, SPACING,
                        run.curve().subList(0, 1000), run.pnls().subList(0, pnlIndex), pnlIndex * 2L,
                        run.curve().get(i)));
            }
        }
        while (pnlIndex < run.pnls().size()) {
            live.recordFill();
            live.recordFill();
            live.recordRealizedSell(run.pnls().get(pnlIndex++));
        }

        PerformanceMetrics batch = MetricsCalculator.calculate(START, SPACING, run.curve(), run.pnls(), run.fills(),
                run.last());
        assertThat(live.metrics(run.last())).isEqualTo(batch);
        assertThat(batch.sharpeRatio()).isNotNull();
        assertThat(batch.sortinoRatio()).isNotNull();
        assertThat(batch.profitFactor()).isNotNull();
        assertThat(batch.maxDrawdownPct().signum()).isPositive();
    }

    @Test
    void theBatchOfTheWorkedExampleMatchesTheHandComputedRatios() {
        // see PerformanceTrackerTest.SharpeAndSortino#aShortCurveWithOneMinuteSpacing
        PerformanceMetrics m = MetricsCalculator.calculate(START, Duration.ofMinutes(1),
                List.of(new BigDecimal("10100"), new BigDecimal("10050"), new BigDecimal("10200")),
                List.of(new BigDecimal("30"), new BigDecimal("0"), new BigDecimal("-10")), 5,
                new BigDecimal("10200"));
        assertThat(m.sharpeRatio()).isEqualTo(new BigDecimal("466.35777268"));
        assertThat(m.sortinoRatio()).isEqualTo(new BigDecimal("1688.89464110"));
        // (10100 − 10050) / 10100 × 100 = 0.4950495049… → 0.49504950 (divided by the peak, not the trough)
        assertThat(m.maxDrawdownPct()).isEqualTo(new BigDecimal("0.49504950"));
        assertThat(m.winRate()).isEqualTo(new BigDecimal("33.33333333"));
        assertThat(m.profitFactor()).isEqualTo(new BigDecimal("3.00000000"));
        assertThat(m.totalTrades()).isEqualTo(5);
    }

    /** What the brief asks for: a plain mapper with the Java time module. */
    private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new JavaTimeModule());
    /** Configured like the event store's mapper (see BattleEventSerializationTest). */
    private static final ObjectMapper AXON_LIKE = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void aTrackerSurvivesTheJacksonRoundTripAndCarriesOnIdentically() throws Exception {
        Run run = Run.of(7, 600);
        for (ObjectMapper mapper : List.of(PLAIN, AXON_LIKE)) {
            PerformanceTracker original = feed(run, 300);
            original.recordFill();
            original.recordRealizedSell(new BigDecimal("12.34"));
            original.recordRealizedSell(new BigDecimal("-5.5"));
            original.recordRealizedSell(BigDecimal.ZERO);

            String json = mapper.writeValueAsString(original);
            PerformanceTracker restored = mapper.readValue(json, PerformanceTracker.class);
            assertThat(restored.metrics(run.curve().get(299))).as(json)
                    .isEqualTo(original.metrics(run.curve().get(299)));
            // equal state, as an aggregate fixture compares it (the power sums of psr/dsr included)
            assertThat(restored).as(json).isEqualTo(original);

            for (int i = 300; i < 600; i++) {
                Instant t = T0.plus(SPACING.multipliedBy(i + 1));
                original.recordEquity(t, run.curve().get(i));
                restored.recordEquity(t, run.curve().get(i));
            }
            original.recordRealizedSell(new BigDecimal("-1"));
            restored.recordRealizedSell(new BigDecimal("-1"));
            assertThat(restored.metrics(run.last())).as(json).isEqualTo(original.metrics(run.last()));
            // and the restored state serialises to the same document
            assertThat(mapper.writeValueAsString(restored)).isEqualTo(mapper.writeValueAsString(original));
        }
    }

    @Test
    void aFreshTrackerRoundTripsWithItsNullDrawdown() throws Exception {
        for (ObjectMapper mapper : List.of(PLAIN, AXON_LIKE)) {
            PerformanceTracker fresh = new PerformanceTracker(START, Duration.ofMinutes(15));
            PerformanceTracker restored = mapper.readValue(mapper.writeValueAsString(fresh), PerformanceTracker.class);
            assertThat(restored.metrics(START)).isEqualTo(fresh.metrics(START));
            fresh.recordEquity(T0, new BigDecimal("9000"));
            restored.recordEquity(T0, new BigDecimal("9000"));
            fresh.recordEquity(T0, new BigDecimal("9500"));
            restored.recordEquity(T0, new BigDecimal("9500"));
            assertThat(restored.metrics(START)).isEqualTo(fresh.metrics(START));
        }
    }
}
