package com.agentbattles.domain.metrics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A return series as its exact power sums n, Σr, Σr², Σr³, Σr⁴: enough for the mean, the
 * sample variance, the skewness and the kurtosis, and O(1) to extend. Every return is rounded
 * once to {@link PerformanceTracker#RETURN_SCALE} decimals before it is added, so the sums are
 * exact BigDecimal additions (scales 18, 36, 54, 72) and the same returns give the same sums in
 * any order, across a snapshot and restore too.
 */
public record ReturnMoments(long count, BigDecimal sum, BigDecimal sumOfSquares, BigDecimal sumOfCubes,
                            BigDecimal sumOfFourthPowers) {

    public static final ReturnMoments NONE = new ReturnMoments(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    public ReturnMoments {
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(sumOfSquares, "sumOfSquares");
        Objects.requireNonNull(sumOfCubes, "sumOfCubes");
        Objects.requireNonNull(sumOfFourthPowers, "sumOfFourthPowers");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    /** The moments of a series given as returns (e.g. by a client), each rounded as the tracker rounds its own. */
    public static ReturnMoments of(List<BigDecimal> returns) {
        ReturnMoments moments = NONE;
        for (BigDecimal r : returns) {
            moments = moments.plus(r.setScale(PerformanceTracker.RETURN_SCALE, PerformanceTracker.ROUNDING));
        }
        return moments;
    }

    /** These moments with one more return, taken as given (the caller has rounded it). */
    public ReturnMoments plus(BigDecimal r) {
        BigDecimal r2 = r.multiply(r);
        return new ReturnMoments(count + 1, sum.add(r), sumOfSquares.add(r2), sumOfCubes.add(r2.multiply(r)),
                sumOfFourthPowers.add(r2.multiply(r2)));
    }

    /**
     * n · Σ(r − mean)² = nΣr² − (Σr)², exact. Zero exactly when all returns are equal (no rounding
     * residue), which is how "standard deviation 0" is decided.
     */
    BigDecimal nTimesSumOfSquaredDeviations() {
        BigDecimal n = BigDecimal.valueOf(count);
        return n.multiply(sumOfSquares).subtract(sum.multiply(sum));
    }

    /** n² · Σ(r − mean)³ = n²Σr³ − 3nΣrΣr² + 2(Σr)³, exact. */
    BigDecimal nSquaredTimesSumOfCubedDeviations() {
        BigDecimal n = BigDecimal.valueOf(count);
        return n.multiply(n).multiply(sumOfCubes)
                .subtract(BigDecimal.valueOf(3).multiply(n).multiply(sum).multiply(sumOfSquares))
                .add(BigDecimal.valueOf(2).multiply(sum.pow(3)));
    }

    /** n³ · Σ(r − mean)⁴ = n³Σr⁴ − 4n²ΣrΣr³ + 6n(Σr)²Σr² − 3(Σr)⁴, exact. */
    BigDecimal nCubedTimesSumOfFourthPowerDeviations() {
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal sumSquared = sum.multiply(sum);
        return n.pow(3).multiply(sumOfFourthPowers)
                .subtract(BigDecimal.valueOf(4).multiply(n.multiply(n)).multiply(sum).multiply(sumOfCubes))
                .add(BigDecimal.valueOf(6).multiply(n).multiply(sumSquared).multiply(sumOfSquares))
                .subtract(BigDecimal.valueOf(3).multiply(sumSquared.multiply(sumSquared)));
    }
}
