package com.agentbattles.marketdata.store;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stored Binance klines. Reads of an interval that is not stored directly (or not for the
 * whole span) are derived from 1m candles, bucketed on UTC epoch boundaries like Binance does.
 */
public interface CandleStore {

    /** Inserts or replaces candles by (symbol, interval, open time) in one transaction. */
    UpsertResult upsert(List<Candle> candles);

    /**
     * Candles with open time in [from, toExclusive), oldest first. Stored candles of the interval
     * win; buckets without one are aggregated from 1m (a bucket exists when at least one of its
     * 1m candles does, as on Binance).
     */
    List<Candle> range(String symbol, CandleInterval interval, Instant from, Instant toExclusive);

    /** Like {@link #range} but at most {@code limit} candles, the latest ones when {@code newest}. */
    List<Candle> range(String symbol, CandleInterval interval, Instant from, Instant toExclusive, int limit,
                       boolean newest);

    /** The latest candle whose open time is before {@code before}. */
    Optional<Candle> latestBefore(String symbol, CandleInterval interval, Instant before);

    Coverage coverage(String symbol, CandleInterval interval);

    /** Every symbol with stored candles, sorted. */
    Set<String> symbols();

    /** Intervals stored directly for a symbol (derived ones are not listed). */
    Set<CandleInterval> storedIntervals(String symbol);

    /**
     * Where the store cannot serve every candle with open time in [from, toExclusive) for each
     * symbol; empty when the window is fully covered. {@code from} is rounded up to the interval.
     */
    List<MissingRange> missingRanges(Collection<String> symbols, CandleInterval interval, Instant from,
                                     Instant toExclusive);

    default boolean isCovered(Collection<String> symbols, CandleInterval interval, Instant from,
                              Instant toExclusive) {
        return missingRanges(symbols, interval, from, toExclusive).isEmpty();
    }

    /**
     * The latest window of the given length fully covered for every symbol, ending on an interval
     * boundary: what a historical preset without a start time runs on.
     */
    Optional<TimeRange> latestCoveredWindow(Collection<String> symbols, CandleInterval interval, Duration length);
}
