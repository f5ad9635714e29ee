package com.agentbattles.api.statistics;

import com.agentbattles.api.web.Money;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.metrics.ReturnMoments;
import com.agentbattles.domain.metrics.SharpeStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/**
 * The deflated Sharpe test of any return series a caller sends, by the same
 * {@link SharpeStatistics} that gives every ranking its psr and dsr (docs/metrics.md). Any
 * authenticated caller, with an agent key or a JWT (SecurityConfig).
 */
@RestController
@Tag(name = "Metrics", description = "Statistics of a return series")
public class DeflatedSharpeController {

    /** Bounds that keep the exact sums of a request small; far beyond any real series. */
    static final int MAX_RETURNS = 100_000;
    static final BigDecimal MAX_ABS_RETURN = new BigDecimal("1000");
    static final BigDecimal MAX_ANNUALIZATION_FACTOR = new BigDecimal("31536000");
    /** Daily returns of a market that trades every day, the platform's year (docs/metrics.md). */
    static final BigDecimal DEFAULT_ANNUALIZATION_FACTOR = new BigDecimal("365");

    record DeflatedSharpeRequest(
            @Schema(description = "simple returns per period, oldest first (at least 10); 0.01 = +1 %",
                    example = "[0.01, -0.02, 0.015, 0.03, -0.01, 0.005, 0.02, -0.005, 0.01, 0.025]")
            List<BigDecimal> returns,
            @Schema(description = "how many strategies were tried to find this one (1..1000000, default 1)", example = "10")
            Integer numTrials,
            @Schema(description = "periods per year: the Sharpe ratios are annualised by its square root (default 365)",
                    implementation = String.class, format = "decimal", example = "365")
            BigDecimal annualizationFactor) {
    }

    /**
     * @param deflatedSharpe the probability that the true Sharpe exceeds the best of {@code num_trials} luck-only ones
     * @param pValue         1 − deflated_sharpe; significant below 0.05
     * @param kurtosis       Pearson's (3 for normal returns)
     */
    record DeflatedSharpeResponse(BigDecimal observedSharpe, BigDecimal expectedMaxSharpe, BigDecimal deflatedSharpe,
                                  BigDecimal pValue, boolean isSignificant, int numTrials, long numReturns,
                                  BigDecimal skewness, BigDecimal kurtosis) {

        static DeflatedSharpeResponse of(SharpeStatistics.Deflation d) {
            return new DeflatedSharpeResponse(Money.plain(d.observedSharpe()), Money.plain(d.expectedMaxSharpe()),
                    Money.plain(d.deflatedSharpe()), Money.plain(d.pValue()), d.significant(), d.numTrials(),
                    d.numReturns(), Money.plain(d.skewness()), Money.plain(d.kurtosis()));
        }
    }

    @PostMapping("/api/v1/metrics/deflated-sharpe")
    @Operation(summary = "Deflated Sharpe ratio of a return series",
            description = "Probability that the series' true Sharpe exceeds the best of num_trials luck-only trials "
                    + "(Bailey and López de Prado, 2014). 400 VALIDATION_ERROR with fewer than 10 returns, returns "
                    + "that are all equal, or num_trials below 1")
    public DeflatedSharpeResponse deflatedSharpe(@RequestBody DeflatedSharpeRequest request) {
        List<BigDecimal> returns = returns(request.returns());
        int trials = trials(request.numTrials());
        BigDecimal annualization = annualization(request.annualizationFactor());
        SharpeStatistics statistics = SharpeStatistics.of(ReturnMoments.of(returns))
                .orElseThrow(() -> Decimals.invalid("returns", "have no Sharpe ratio to test: they are all equal "
                        + "(no deviation) or take only two values placed so that its standard error is 0"));
        return DeflatedSharpeResponse.of(statistics.deflation(trials, annualization));
    }

    private static List<BigDecimal> returns(List<BigDecimal> returns) {
        if (returns == null) {
            throw Decimals.invalid("returns", "is required: a list of at least " + SharpeStatistics.MIN_RETURNS + " returns");
        }
        if (returns.size() < SharpeStatistics.MIN_RETURNS) {
            throw Decimals.invalid("returns", "must hold at least " + SharpeStatistics.MIN_RETURNS
                    + " returns for skewness and kurtosis to mean anything; got " + returns.size());
        }
        if (returns.size() > MAX_RETURNS) {
            throw Decimals.invalid("returns", "must hold at most " + MAX_RETURNS + " returns; got " + returns.size());
        }
        for (int i = 0; i < returns.size(); i++) {
            BigDecimal r = returns.get(i);
            if (r == null) {
                throw Decimals.invalid("returns", "must not contain null (index " + i + ")");
            }
            if (r.abs().compareTo(MAX_ABS_RETURN) > 0) {
                throw Decimals.invalid("returns", "must be between -" + MAX_ABS_RETURN + " and " + MAX_ABS_RETURN
                        + " (a simple return, 0.01 = +1 %); index " + i + " is " + r.toPlainString());
            }
        }
        return returns;
    }

    private static int trials(Integer numTrials) {
        int trials = numTrials == null ? 1 : numTrials;
        if (trials < 1 || trials > SharpeStatistics.MAX_TRIALS) {
            throw Decimals.invalid("num_trials", "must be between 1 and " + SharpeStatistics.MAX_TRIALS + "; got " + trials);
        }
        return trials;
    }

    private static BigDecimal annualization(BigDecimal factor) {
        if (factor == null) {
            return DEFAULT_ANNUALIZATION_FACTOR;
        }
        if (factor.signum() <= 0 || factor.compareTo(MAX_ANNUALIZATION_FACTOR) > 0) {
            throw Decimals.invalid("annualization_factor", "must be above 0 and at most " + MAX_ANNUALIZATION_FACTOR
                    + " (periods per year); got " + factor.toPlainString());
        }
        return factor;
    }
}
