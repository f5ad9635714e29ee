package com.agentbattles.api.statistics;

import com.agentbattles.api.support.ApiClient;
import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /metrics/deflated-sharpe} over real HTTP. The expected numbers were computed in
 * python3 from the formulas (exact fractions for the moments, statistics.NormalDist for Φ, Φ⁻¹),
 * not with the server's code; the same series is worked through in SharpeStatisticsTest.
 */
class DeflatedSharpeIntegrationTest extends IntegrationTest {

    private static final String PATH = "/metrics/deflated-sharpe";
    private static final List<String> SERIES = List.of("0.01", "-0.02", "0.015", "0.03", "-0.01", "0.005", "0.02",
            "-0.005", "0.01", "0.025", "-0.015", "0.012");
    /** SERIES + 0.01 each: the same shape, a clearly positive mean. */
    private static final List<String> WINNING = List.of("0.02", "-0.01", "0.025", "0.04", "0.00", "0.015", "0.03",
            "0.005", "0.02", "0.035", "-0.005", "0.022");

    private Account account;

    @BeforeEach
    void registerAnAccount() {
        account = register("Statistician");
    }

    private static List<BigDecimal> decimals(List<String> values) {
        return values.stream().map(BigDecimal::new).toList();
    }

    private static Map<String, Object> body(Object returns, Object numTrials, Object annualization) {
        Map<String, Object> body = new HashMap<>();
        body.put("returns", returns);
        body.put("num_trials", numTrials);
        body.put("annualization_factor", annualization);
        return body;
    }

    /** A decimal field as the SDK reads it: a string (or number) that parses as a decimal. */
    private static BigDecimal decimal(JsonNode body, String field) {
        JsonNode node = body.get(field);
        assertThat(node).as(field).isNotNull();
        assertThat(node.isTextual() || node.isNumber()).as(field + " is a decimal: " + node).isTrue();
        return new BigDecimal(node.asText());
    }

    private static long integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        assertThat(node).as(field).isNotNull();
        assertThat(node.isIntegralNumber()).as(field + " is an integer: " + node).isTrue();
        return node.asLong();
    }

    /*
     * n = 12, SR = 0.40399951990125292 per period, γ₃ = −0.26623796827989464, γ₄ = 1.95790718255232783;
     * × √365 = 7.71839999024…; SR₀ for 10 trials = 1.57459830134575 / √11 = 0.47475925100862, × √365 = 9.07026275488…;
     * DSR = Φ((SR − SR₀) / 0.32286309554919504) = Φ(−0.2191632679077286) = 0.4132614339… → 0.413261, p = 0.586739.
     */
    @Test
    void anAgentKeyGetsEveryFieldWithItsType() {
        ApiClient agent = anonymous().withApiKey(account.apiKey());
        var response = agent.post(PATH, body(decimals(SERIES), 10, 365));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode d = response.json();
        assertThat(decimal(d, "observed_sharpe")).isEqualByComparingTo("7.71839999");
        assertThat(decimal(d, "expected_max_sharpe")).isEqualByComparingTo("9.07026275");
        assertThat(decimal(d, "deflated_sharpe")).isEqualByComparingTo("0.413261");
        assertThat(decimal(d, "p_value")).isEqualByComparingTo("0.586739");
        assertThat(d.get("is_significant").isBoolean()).as(d.toString()).isTrue();
        assertThat(d.get("is_significant").asBoolean()).isFalse();
        assertThat(integer(d, "num_trials")).isEqualTo(10);
        assertThat(integer(d, "num_returns")).isEqualTo(12);
        assertThat(decimal(d, "skewness")).isEqualByComparingTo("-0.26623797");
        assertThat(decimal(d, "kurtosis")).isEqualByComparingTo("1.95790718");
    }

    /*
     * WINNING: SR = 1.033609161305803 per period (× √365 = 19.74707529970…), σ(SR) = 0.3730745153964866;
     * 5 trials: E[max] = (1−γ)Φ⁻¹(0.8) + γΦ⁻¹(1 − 1/(5e)) → SR₀ = 0.35958062078134384 (× √365 = 6.86977811411…),
     * DSR = Φ(1.8066860981059834) = 0.9645943817553608 → 0.964594, p = 0.035406 < 0.05: significant.
     */
    @Test
    void aJwtGetsTheSameAnswersAndADeflatedSharpeBelowFivePercentIsSignificant() {
        JsonNode d = account.api().post(PATH, body(WINNING, 5, "365")).json();
        assertThat(decimal(d, "observed_sharpe")).isEqualByComparingTo("19.74707530");
        assertThat(decimal(d, "expected_max_sharpe")).isEqualByComparingTo("6.86977811");
        assertThat(decimal(d, "deflated_sharpe")).isEqualByComparingTo("0.964594");
        assertThat(decimal(d, "p_value")).isEqualByComparingTo("0.035406");
        assertThat(d.get("is_significant").asBoolean()).isTrue();

        // returns sent as strings parse the same, and a single trial deflates nothing: dsr = psr = Φ(2.7705166626225597)
        JsonNode alone = account.api().post(PATH, body(WINNING, 1, 365)).json();
        assertThat(decimal(alone, "expected_max_sharpe")).isEqualByComparingTo("0");
        assertThat(decimal(alone, "deflated_sharpe")).isEqualByComparingTo("0.997202");
    }

    @Test
    void fewerThanTenReturnsAreRefusedNamingTheField() {
        var response = account.api().post(PATH, body(decimals(SERIES.subList(0, 9)), 3, 365));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.json().at("/error/details/field").asText()).isEqualTo("returns");
        assertThat(response.json().at("/error/message").asText()).contains("at least 10");

        assertRefused(body(null, 3, 365), "returns");
        assertRefused(body(Collections.nCopies(12, "0.001"), 3, 365), "returns"); // no deviation: no Sharpe
        // not a number: the element is named with its index
        assertRefused(body(List.of("0.01", "x", "0.02", "0.01", "0.01", "0.01", "0.01", "0.01", "0.01", "0.01"), 3, 365),
                "returns[1]");
        assertRefused(body(List.of("0.01", "-0.02", "0.015", "0.03", "-0.01", "0.005", "0.02", "-0.005", "0.01", "1e9"),
                3, 365), "returns");
    }

    @Test
    void numTrialsBelowOneAndANonPositiveAnnualizationAreRefusedNamingTheField() {
        assertRefused(body(SERIES, 0, 365), "num_trials");
        assertRefused(body(SERIES, -4, 365), "num_trials");
        assertRefused(body(SERIES, 1_000_001, 365), "num_trials");
        assertRefused(body(SERIES, 3, 0), "annualization_factor");
        assertRefused(body(SERIES, 3, -252), "annualization_factor");
    }

    @Test
    void anUnauthenticatedCallerIsRefused() {
        var response = anonymous().post(PATH, body(SERIES, 3, 365));
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.errorCode()).isNotBlank();
    }

    private void assertRefused(Map<String, Object> body, String field) {
        var response = account.api().post(PATH, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.json().at("/error/details/field").asText()).as(response.toString()).isEqualTo(field);
    }
}
