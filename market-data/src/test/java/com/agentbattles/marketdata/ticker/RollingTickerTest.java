package com.agentbattles.marketdata.ticker;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's edges and the sums, on hand-made hourly candles. */
class RollingTickerTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static Candle hour(int h, String open, String high, String low, String close, String volume,
                               String quoteVolume, long trades) {
        return new Candle("BTCUSDT", CandleInterval.ONE_HOUR, T0.plusSeconds(3600L * h), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume),
                quoteVolume == null ? null : new BigDecimal(quoteVolume), trades);
    }

    @Test
    void theWindowIsTheDayOfCandlesThatClosedByItsEnd() {
        List<Candle> candles = List.of(
                hour(0, "100", "120", "90", "110", "1", "105", 10),   // opened 24 h before the end of hour 24: in
                hour(23, "110", "130", "100", "125", "2", "240", 20),
                hour(24, "125", "126", "80", "100", "3", null, -1),   // no quote volume, no trade count
                hour(25, "100", "999", "1", "500", "9", "9", 9));     // closes after the end: out
        RollingTicker ticker = RollingTicker.of("BTCUSDT", candles, T0.plusSeconds(3600L * 25)).orElseThrow();
        assertThat(ticker.candleCount()).isEqualTo(2); // hour 0 opened at end − 25 h: out
        assertThat(ticker.open()).isEqualByComparingTo("110");
        assertThat(ticker.close()).isEqualByComparingTo("100");
        assertThat(ticker.high()).isEqualByComparingTo("130");
        assertThat(ticker.low()).isEqualByComparingTo("80");
        assertThat(ticker.volume()).isEqualByComparingTo("5");
        assertThat(ticker.quoteVolume()).isEqualByComparingTo("540"); // 240 + the estimate 3 × 100
        assertThat(ticker.tradeCount()).isEqualTo(20);
        assertThat(ticker.change()).isEqualByComparingTo("-10");
        assertThat(ticker.changePct()).isEqualTo(new BigDecimal("-9.0909")); // −10 / 110 × 100, half-even, 4 decimals
        assertThat(ticker.timestamp()).isEqualTo(T0.plusSeconds(3600L * 25));

        RollingTicker day = RollingTicker.of("BTCUSDT", candles, T0.plusSeconds(3600L * 24)).orElseThrow();
        assertThat(day.open()).isEqualByComparingTo("100"); // hour 0 opened exactly 24 h before: in
        assertThat(day.candleCount()).isEqualTo(2);

        assertThat(RollingTicker.of("BTCUSDT", candles, T0.plusSeconds(3600L * 60))).isEmpty();
    }

    @Test
    void aBucketIsBuiltAsTheStoreDerivesOne() {
        List<Candle> candles = List.of(
                hour(3, "100", "120", "90", "110", "1", "105", 10),
                hour(4, "110", "130", "100", "125", "2", "240", 20),
                hour(5, "125", "126", "80", "100", "3", "300", 30),
                hour(8, "1", "1", "1", "1", "1", "1", 1));
        Candle fourHours = RollingTicker.bucket("BTCUSDT", CandleInterval.FOUR_HOURS, T0.plusSeconds(3600L * 8), candles)
                .orElseThrow();
        assertThat(fourHours.openTime()).isEqualTo(T0.plusSeconds(3600L * 4));
        assertThat(fourHours.open()).isEqualByComparingTo("110");
        assertThat(fourHours.close()).isEqualByComparingTo("100");
        assertThat(fourHours.high()).isEqualByComparingTo("130");
        assertThat(fourHours.low()).isEqualByComparingTo("80");
        assertThat(fourHours.volume()).isEqualByComparingTo("5");
        assertThat(fourHours.quoteVolume()).isEqualByComparingTo("540");
        assertThat(fourHours.tradeCount()).isEqualTo(50);
    }
}
