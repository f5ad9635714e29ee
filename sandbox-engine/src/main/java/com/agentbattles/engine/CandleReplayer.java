package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Steps several pairs along one aligned timeline: step k (1-based) is the candles that opened at
 * {@code start + (k−1) × interval}, visible at its close. A pair without a candle at a step is
 * simply absent from that step: no price is invented for it.
 *
 * <p>Candles are indexed by open time into one array per pair, so a step is found in O(1).
 * Candles outside [start, end) are ignored; a candle of another interval, off the grid, of
 * another symbol, or a second candle at the same open time is refused (the data is wrong).
 */
public final class CandleReplayer {

    /** One step of the timeline; {@code candles} holds at most one candle per pair, in pair order. */
    public record Step(long number, Instant openTime, Instant closeTime, List<Candle> candles) {
    }

    private final CandleInterval interval;
    private final Instant start;
    private final long totalSteps;
    /** Pair → candle per step (index = step − 1), pairs in sorted order. */
    private final TreeMap<String, Candle[]> byPair = new TreeMap<>();

    public CandleReplayer(CandleInterval interval, Instant start, Instant end, Map<String, List<Candle>> candlesByPair) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " must be after start " + start);
        }
        this.interval = interval;
        this.start = start;
        long steps = (end.toEpochMilli() - start.toEpochMilli()) / interval.millis();
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many steps: " + steps);
        }
        this.totalSteps = steps;
        new TreeMap<>(candlesByPair).forEach((pair, candles) -> byPair.put(pair, index(pair, candles)));
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** The step with that number (1 … totalSteps). */
    public Step step(long number) {
        if (number < 1 || number > totalSteps) {
            throw new IndexOutOfBoundsException("step " + number + " is outside 1.." + totalSteps);
        }
        int index = (int) (number - 1);
        List<Candle> candles = new ArrayList<>(byPair.size());
        for (Candle[] series : byPair.values()) {
            Candle candle = series[index];
            if (candle != null) {
                candles.add(candle);
            }
        }
        Instant open = start.plusMillis(index * interval.millis());
        return new Step(number, open, open.plusMillis(interval.millis()), List.copyOf(candles));
    }

    private Candle[] index(String pair, List<Candle> candles) {
        Candle[] series = new Candle[(int) totalSteps];
        long startMillis = start.toEpochMilli();
        for (Candle candle : candles) {
            if (!candle.symbol().equals(pair)) {
                throw new IllegalArgumentException("candle of " + candle.symbol() + " listed under " + pair);
            }
            if (candle.interval() != interval) {
                throw new IllegalArgumentException(pair + " candle at " + candle.openTime() + " is " + candle.interval().code()
                        + ", the replay is " + interval.code());
            }
            long offset = candle.openTime().toEpochMilli() - startMillis;
            if (offset % interval.millis() != 0) {
                throw new IllegalArgumentException(pair + " candle at " + candle.openTime() + " is off the " + interval.code() + " grid");
            }
            long slot = Math.floorDiv(offset, interval.millis());
            if (slot < 0 || slot >= totalSteps) {
                continue;
            }
            if (series[(int) slot] != null) {
                throw new IllegalArgumentException(pair + " has two candles at " + candle.openTime());
            }
            series[(int) slot] = candle;
        }
        return series;
    }
}
