package com.agentbattles.marketdata.store;

import com.agentbattles.domain.market.CandleInterval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the store can serve for one symbol and interval: the contiguous runs of candles
 * ({@code ranges}, each [first open, last open + interval)) and the holes between them.
 * Candles of an interval that is not stored directly count when they can be derived from 1m.
 *
 * @param candleCount number of candles {@code range()} would return over the whole span
 */
public record Coverage(String symbol, CandleInterval interval, long candleCount,
                       List<TimeRange> ranges, List<TimeRange> gaps) {

    public Coverage {
        ranges = List.copyOf(ranges);
        gaps = List.copyOf(gaps);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Open time of the first candle. */
    public Optional<Instant> first() {
        return ranges.isEmpty() ? Optional.empty() : Optional.of(ranges.get(0).from());
    }

    /** Close time of the last candle (exclusive end of what is stored). */
    public Optional<Instant> end() {
        return ranges.isEmpty() ? Optional.empty() : Optional.of(ranges.get(ranges.size() - 1).toExclusive());
    }
}
