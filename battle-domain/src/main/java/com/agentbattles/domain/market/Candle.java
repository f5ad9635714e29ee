package com.agentbattles.domain.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One closed Binance kline. Prices and volumes are exact decimals as Binance published them.
 *
 * @param quoteVolume the USDT volume; null where the source did not carry it (the 6-column files
 *                    saved by trading tools), in which case {@link #quoteVolumeOrEstimate()} applies
 * @param tradeCount  number of trades; -1 where the source did not carry it
 */
public record Candle(String symbol, CandleInterval interval, Instant openTime,
                     BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                     BigDecimal volume, BigDecimal quoteVolume, long tradeCount) {

    public Candle {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
    }

    /** The instant the candle closed and became visible: no one may act on it before this. */
    public Instant closeTime() {
        return openTime.plusMillis(interval.millis());
    }

    /** Quote volume, or base volume × close when the source did not record it. */
    public BigDecimal quoteVolumeOrEstimate() {
        return quoteVolume != null ? quoteVolume : volume.multiply(close);
    }
}
