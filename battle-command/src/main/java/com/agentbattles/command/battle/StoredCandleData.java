package com.agentbattles.command.battle;

import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.store.CandleFingerprint;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.marketdata.store.MissingRange;
import com.agentbattles.marketdata.store.TimeRange;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Historical battles on the candle store: the start checks coverage and fingerprints the window,
 * the clock reads candles ahead in chunks so that single steps over REST do not cost a query each.
 */
@Component
public class StoredCandleData implements HistoricalStartPreparer, BattleCandles {

    /** How far ahead one read goes, in candles per pair. */
    static final int READ_AHEAD = 2000;
    private static final int MAX_CACHED_WINDOWS = 32;

    private final CandleStore store;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_CACHED_WINDOWS;
        }
    };

    public StoredCandleData(CandleStore store) {
        this.store = store;
    }

    @Override
    public HistoricalStart prepare(String battleId, BattleConfig config) {
        CandleInterval interval = config.candleInterval();
        TimeRange window = config.hasWindow()
                ? new TimeRange(config.startTime(), config.endTime())
                : store.latestCoveredWindow(config.pairs(), interval, Duration.ofMinutes(config.durationMinutes()))
                .orElseThrow(() -> notCovered(battleId, config, List.of()));
        List<MissingRange> missing = store.missingRanges(config.pairs(), interval, window.from(), window.toExclusive());
        if (!missing.isEmpty()) {
            throw notCovered(battleId, config, missing);
        }
        List<Candle> all = new ArrayList<>();
        for (String pair : config.pairs()) {
            all.addAll(store.range(pair, interval, window.from(), window.toExclusive()));
        }
        long steps = window.length().toMillis() / interval.millis();
        return new HistoricalStart(window.from(), window.toExclusive(), interval, config.pairs(), steps,
                CandleFingerprint.of(all));
    }

    @Override
    public List<Candle> candles(List<String> pairs, CandleInterval interval, Instant from, Instant toExclusive) {
        String key = String.join(",", pairs) + "@" + interval.code();
        Window window;
        synchronized (windows) {
            window = windows.get(key);
        }
        if (window == null || !window.covers(from, toExclusive)) {
            Instant readTo = from.plus(interval.duration().multipliedBy(READ_AHEAD));
            Instant end = readTo.isAfter(toExclusive) ? readTo : toExclusive;
            List<Candle> read = new ArrayList<>();
            for (String pair : pairs) {
                read.addAll(store.range(pair, interval, from, end));
            }
            window = new Window(from, end, read);
            synchronized (windows) {
                windows.put(key, window);
            }
        }
        return window.slice(from, toExclusive);
    }

    private static DomainException notCovered(String battleId, BattleConfig config, List<MissingRange> missing) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("battle_id", battleId);
        details.put("pairs", config.pairs());
        details.put("candle_interval", config.candleInterval().code());
        if (config.hasWindow()) {
            details.put("start_time", config.startTime().toString());
            details.put("end_time", config.endTime().toString());
        }
        details.put("missing_ranges", missing.stream().map(m -> Map.of("symbol", m.symbol(),
                "from", m.range().from().toString(), "to", m.range().toExclusive().toString())).toList());
        String message = missing.isEmpty()
                ? "no window of this length is fully covered by stored candles for every pair"
                : "stored candles do not cover the battle's window: " + missing.size() + " missing range(s)";
        return new DomainException(ErrorCode.DATA_NOT_COVERED, message, details);
    }

    /**
     * Candles of several pairs read at once, indexed by open time so that a step finds its own
     * without scanning the window (each open time holds its pairs in the order they were asked for).
     */
    private static final class Window {

        private final Instant from;
        private final Instant toExclusive;
        private final java.util.TreeMap<Instant, List<Candle>> byOpenTime = new java.util.TreeMap<>();

        Window(Instant from, Instant toExclusive, List<Candle> candles) {
            this.from = from;
            this.toExclusive = toExclusive;
            for (Candle candle : candles) {
                byOpenTime.computeIfAbsent(candle.openTime(), t -> new ArrayList<>(2)).add(candle);
            }
        }

        boolean covers(Instant start, Instant end) {
            return !start.isBefore(from) && !end.isAfter(toExclusive);
        }

        List<Candle> slice(Instant start, Instant end) {
            List<Candle> slice = new ArrayList<>();
            byOpenTime.subMap(start, true, end, false).values().forEach(slice::addAll);
            return slice;
        }
    }
}
