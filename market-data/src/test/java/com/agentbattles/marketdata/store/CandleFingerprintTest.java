package com.agentbattles.marketdata.store;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CandleFingerprintTest {

    private static Candle candle(String close, String volume) {
        return new Candle("BTCUSDT", CandleInterval.ONE_MINUTE, Instant.parse("2023-04-01T00:00:00Z"),
                new BigDecimal("28000.10"), new BigDecimal("28010"), new BigDecimal("27990.5"), new BigDecimal(close),
                new BigDecimal(volume), null, -1);
    }

    @Test
    void sameMarketDataSameHashWhateverTheDecimalScale() {
        String a = CandleFingerprint.of(List.of(candle("28005.50", "1.200")));
        String b = CandleFingerprint.of(List.of(candle("28005.5", "1.2")));
        assertThat(a).isEqualTo(b).hasSize(64);
    }

    @Test
    void anyChangedPriceOrOrderChangesTheHash() {
        Candle x = candle("28005.5", "1.2");
        Candle y = candle("28005.6", "1.2");
        assertThat(CandleFingerprint.of(List.of(x))).isNotEqualTo(CandleFingerprint.of(List.of(y)));
        assertThat(CandleFingerprint.of(List.of(x, y))).isNotEqualTo(CandleFingerprint.of(List.of(y, x)));
        assertThat(CandleFingerprint.of(List.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
