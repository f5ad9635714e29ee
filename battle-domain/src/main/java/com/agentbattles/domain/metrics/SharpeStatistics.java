package com.agentbattles.domain.metrics;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How likely a Sharpe ratio is more than luck: the probabilistic Sharpe ratio (Bailey and López
 * de Prado, 2012) and the deflated Sharpe ratio (Bailey and López de Prado, 2014) of one return
 * series, from its {@link ReturnMoments}. The one implementation behind the {@code psr} and
 * {@code dsr} of every ranking and behind {@code POST /metrics/deflated-sharpe}.
 *
 * <p>Everything up to the standardised statistic z is BigDecimal at {@link MathContext#DECIMAL128}
 * from exact sums; the standard normal CDF and its inverse are doubles (commons-math3, pure Java
 * and strict IEEE 754 arithmetic on Java 17, so the same inputs give the same bits on every run)
 * and the probabilities are published rounded to {@link #PROBABILITY_SCALE} decimals HALF_EVEN.
 * Formulas and how to read them: docs/metrics.md "Is the edge luck? PSR and DSR".
 */
public final class SharpeStatistics {

    /** Fewer returns than this and skewness and kurtosis say nothing: psr and dsr are null. */
    public static final int MIN_RETURNS = 10;
    /** Beyond a million trials 1 − 1/N is no longer distinct enough in a double to invert. */
    public static final int MAX_TRIALS = 1_000_000;
    /** Decimals of a published probability (psr, dsr, p-value). */
    public static final int PROBABILITY_SCALE = 6;

    /** A deflated Sharpe is significant when its p-value (1 − dsr) is below this. */
    public static final BigDecimal SIGNIFICANCE_LEVEL = new BigDecimal("0.05");

    /**
     * The deflated Sharpe test of one series as the best of {@code numTrials}, as
     * {@code POST /metrics/deflated-sharpe} answers it. Sharpe ratios are annualised and, with the
     * skewness and kurtosis, rounded to 8 decimals; probabilities to 6; {@code pValue} = 1 − dsr exactly.
     */
    public record Deflation(BigDecimal observedSharpe, BigDecimal expectedMaxSharpe, BigDecimal deflatedSharpe,
                            BigDecimal pValue, boolean significant, int numTrials, long numReturns,
                            BigDecimal skewness, BigDecimal kurtosis) {
    }

    /** γ to double precision: it only enters the double computation of the expected maximum. */
    static final double EULER_MASCHERONI = 0.5772156649015329;

    private static final MathContext MC = PerformanceTracker.MC;
    /** No random generator: only the CDF and its inverse are used, never a sample. */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final long numReturns;
    private final BigDecimal sharpe;
    private final BigDecimal skewness;
    private final BigDecimal kurtosis;
    private final BigDecimal standardError;

    private SharpeStatistics(long numReturns, BigDecimal sharpe, BigDecimal skewness, BigDecimal kurtosis,
                             BigDecimal standardError) {
        this.numReturns = numReturns;
        this.sharpe = sharpe;
        this.skewness = skewness;
        this.kurtosis = kurtosis;
        this.standardError = standardError;
    }

    /**
     * The statistics of the series, or empty with fewer than {@link #MIN_RETURNS} returns, with
     * all returns equal (no deviation), or in the degenerate case where the Sharpe ratio's
     * standard error vanishes (1 − γ₃·SR + (γ₄−1)/4·SR² = 0, only possible for a two-valued series).
     */
    public static Optional<SharpeStatistics> of(ReturnMoments moments) {
        BigDecimal sharpe = perPeriodSharpe(moments);
        if (moments.count() < MIN_RETURNS || sharpe == null) {
            return Optional.empty();
        }
        BigDecimal a2 = moments.nTimesSumOfSquaredDeviations();
        // with the population moments m_k = Σ(r−mean)^k / n: skew = m3 / m2^{3/2} = A3 / A2^{3/2}
        // and kurtosis = m4 / m2² = A4 / A2², where A_k = n^{k−1} Σ(r−mean)^k are the exact sums
        BigDecimal skewness = moments.nSquaredTimesSumOfCubedDeviations().divide(a2.multiply(a2.sqrt(MC), MC), MC);
        BigDecimal kurtosis = moments.nCubedTimesSumOfFourthPowerDeviations().divide(a2.multiply(a2), MC);
        BigDecimal spread = BigDecimal.ONE.subtract(skewness.multiply(sharpe, MC))
                .add(kurtosis.subtract(BigDecimal.ONE).divide(BigDecimal.valueOf(4), MC).multiply(sharpe.pow(2, MC), MC));
        if (spread.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal standardError = spread.divide(BigDecimal.valueOf(moments.count() - 1), MC).sqrt(MC);
        return Optional.of(new SharpeStatistics(moments.count(), sharpe, skewness, kurtosis, standardError));
    }

    /**
     * mean / sample standard deviation of the returns, per period (not annualised), at DECIMAL128;
     * null with fewer than 2 returns or none deviating. The sharpe_ratio of the metrics is this
     * times the annualisation factor.
     */
    static BigDecimal perPeriodSharpe(ReturnMoments moments) {
        long n = moments.count();
        if (n < 2) {
            return null;
        }
        // sample variance = (nΣr² − (Σr)²) / (n(n−1)): the numerator is exact, so "zero std" is
        // an exact test and only one division rounds (the (Σr²−(Σr)²/n)/(n−1) form rounds twice).
        BigDecimal numerator = moments.nTimesSumOfSquaredDeviations();
        if (numerator.signum() <= 0) {
            return null;
        }
        BigDecimal variance = numerator.divide(BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(n - 1)), MC);
        BigDecimal mean = moments.sum().divide(BigDecimal.valueOf(n), MC);
        return mean.divide(variance.sqrt(MC), MC);
    }

    /** PSR(0): the probability that the true Sharpe ratio exceeds 0, to 6 decimals. */
    public BigDecimal psr() {
        return probabilityTrueSharpeExceeds(BigDecimal.ZERO);
    }

    /**
     * DSR: the probability that the true Sharpe ratio exceeds the best one that {@code trials}
     * luck-only series of the same length would show, to 6 decimals. Equals {@link #psr()} for one trial.
     */
    public BigDecimal dsr(int trials) {
        return probabilityTrueSharpeExceeds(expectedMaxSharpe(trials));
    }

    /**
     * The Sharpe ratio (per period) expected of the best of {@code trials} independent series whose
     * true Sharpe is 0: √V · ((1−γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), with V = 1/(T−1), the
     * variance of a Sharpe estimate over T returns when the true Sharpe is 0. 0 for one trial.
     */
    public BigDecimal expectedMaxSharpe(int trials) {
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new IllegalArgumentException("trials must be between 1 and " + MAX_TRIALS + ": " + trials);
        }
        if (trials == 1) {
            return BigDecimal.ZERO;
        }
        double expectedMaxOfStandardNormals = (1 - EULER_MASCHERONI) * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1.0 / trials)
                + EULER_MASCHERONI * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1.0 / (trials * Math.E));
        return new BigDecimal(expectedMaxOfStandardNormals).divide(BigDecimal.valueOf(numReturns - 1).sqrt(MC), MC);
    }

    /**
     * The deflated test for {@code trials} trials, Sharpe ratios annualised by √{@code periodsPerYear}
     * (e.g. 365 for daily returns of a market that trades every day).
     */
    public Deflation deflation(int trials, BigDecimal periodsPerYear) {
        if (periodsPerYear.signum() <= 0) {
            throw new IllegalArgumentException("periodsPerYear must be positive: " + periodsPerYear);
        }
        BigDecimal annualisation = periodsPerYear.sqrt(MC);
        BigDecimal dsr = dsr(trials);
        BigDecimal pValue = BigDecimal.ONE.subtract(dsr);
        return new Deflation(rounded(sharpe.multiply(annualisation, MC)),
                rounded(expectedMaxSharpe(trials).multiply(annualisation, MC)), dsr, pValue,
                pValue.compareTo(SIGNIFICANCE_LEVEL) < 0, trials, numReturns, rounded(skewness), rounded(kurtosis));
    }

    private static BigDecimal rounded(BigDecimal ratio) {
        return ratio.setScale(PerformanceTracker.OUTPUT_SCALE, PerformanceTracker.ROUNDING);
    }

    /** PSR(threshold) = Φ((SR − threshold) / σ(SR)), σ(SR) = √((1 − γ₃·SR + (γ₄−1)/4·SR²) / (T−1)). */
    private BigDecimal probabilityTrueSharpeExceeds(BigDecimal threshold) {
        BigDecimal z = sharpe.subtract(threshold, MC).divide(standardError, MC);
        double probability = STANDARD_NORMAL.cumulativeProbability(z.doubleValue());
        return new BigDecimal(probability).setScale(PROBABILITY_SCALE, RoundingMode.HALF_EVEN);
    }

    public long numReturns() {
        return numReturns;
    }

    /** mean / sample std per period, unrounded (DECIMAL128): annualise before rounding. */
    public BigDecimal sharpe() {
        return sharpe;
    }

    /** Skewness γ₃ of the returns (population moments: m3 / m2^{3/2}), unrounded. */
    public BigDecimal skewness() {
        return skewness;
    }

    /** Kurtosis γ₄ of the returns, Pearson's (3 for a normal distribution, not the excess), unrounded. */
    public BigDecimal kurtosis() {
        return kurtosis;
    }
}
