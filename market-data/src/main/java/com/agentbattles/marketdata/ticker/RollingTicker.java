package com.agentbattles.marketdata.ticker;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A symbol's statistics over the 24 hours of closed candles that end at {@code timestamp}: the
 * ticker of {@code GET /market/ticker/{symbol}} and of the WebSocket's {@code ticker} channel.
 * Exact sums of the candles as stored; a candle without a quote volume (6-column files) counts
 * its estimate, volume × close, and one without a trade count counts none.
 *
 * @param candleCount how many candles the window holds (fewer than 1,440 1m candles where the
 *                    data has gaps or starts later)
 */
public record RollingTicker(String symbol, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                            BigDecimal volume, BigDecimal quoteVolume, BigDecimal change, BigDecimal changePct,
                            long tradeCount, Instant timestamp, int candleCount) {

    public static final Duration WINDOW = Duration.ofHours(24);
    /** Decimals of {@code change_pct}, rounded half-even (as the wallets' percentages). */
    public static final int PCT_SCALE = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Where the window of a ticker at {@code end} starts (inclusive, by candle open time). */
    public static Instant windowStart(Instant end) {
        return end.minus(WINDOW);
    }

    /**
     * The ticker of the candles, oldest first, that opened in [end − 24 h, end) and closed by
     * {@code end}; empty when there are none. Candles outside the window are ignored.
     */
    public static Optional<RollingTicker> of(String symbol, Iterable<Candle> candles, Instant end) {
        Span span = Span.of(candles, windowStart(end), end);
        if (span.first == null) {
            return Optional.empty();
        }
        BigDecimal change = span.last.close().subtract(span.first.open());
        BigDecimal changePct = change.multiply(HUNDRED).divide(span.first.open(), PCT_SCALE, RoundingMode.HALF_EVEN);
        return Optional.of(new RollingTicker(symbol, span.first.open(), span.high, span.low, span.last.close(),
                span.volume, span.quoteVolumeEstimated, change, changePct, span.tradesCounted, end, span.count));
    }

    /**
     * The candle of {@code interval} closing at {@code closeTime}, built from the candles given
     * (open = first open, close = last close, high/low the extremes, volumes and trades summed,
     * as the candle store derives one); empty when none of them falls in that bucket.
     */
    public static Optional<Candle> bucket(String symbol, CandleInterval interval, Instant closeTime, Iterable<Candle> candles) {
        Instant open = closeTime.minus(interval.duration());
        Span span = Span.of(candles, open, closeTime);
        if (span.first == null) {
            return Optional.empty();
        }
        return Optional.of(new Candle(symbol, interval, open, span.first.open(), span.high, span.low, span.last.close(),
                span.volume, span.quoteKnown ? span.quoteVolume : null, span.tradesKnown ? span.tradesCounted : -1));
    }

    /**
     * The candles that opened at or after {@code from} and closed by {@code end}, folded: a ticker
     * counts what a candle lacks as its estimate (or no trades), a bucket says it is unknown.
     */
    private static final class Span {
        Candle first;
        Candle last;
        BigDecimal high;
        BigDecimal low;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quoteVolume = BigDecimal.ZERO;
        BigDecimal quoteVolumeEstimated = BigDecimal.ZERO;
        boolean quoteKnown = true;
        long tradesCounted;
        boolean tradesKnown = true;
        int count;

        static Span of(Iterable<Candle> candles, Instant from, Instant end) {
            Span span = new Span();
            for (Candle c : candles) {
                if (!c.openTime().isBefore(from) && !c.closeTime().isAfter(end)) {
                    span.add(c);
                }
            }
            return span;
        }

        private void add(Candle c) {
            if (first == null) {
                first = c;
            }
            last = c;
            high = high == null || c.high().compareTo(high) > 0 ? c.high() : high;
            low = low == null || c.low().compareTo(low) < 0 ? c.low() : low;
            volume = volume.add(c.volume());
            quoteVolumeEstimated = quoteVolumeEstimated.add(c.quoteVolumeOrEstimate());
            if (c.quoteVolume() == null) {
                quoteKnown = false;
            } else {
                quoteVolume = quoteVolume.add(c.quoteVolume());
            }
            if (c.tradeCount() < 0) {
                tradesKnown = false;
            } else {
                tradesCounted += c.tradeCount();
            }
            count++;
        }
    }
}
