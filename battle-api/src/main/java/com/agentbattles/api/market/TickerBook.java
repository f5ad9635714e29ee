package com.agentbattles.api.market;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceListener;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.marketdata.ticker.RollingTicker;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The last 24 hours of the feed's closed candles per symbol, and the one ticker computed from
 * them ({@link RollingTicker}) for {@code GET /market/ticker/{symbol}} and the WebSocket's
 * {@code ticker} and {@code candles} channels.
 *
 * <p>A symbol the feed plays ends its window at the close of the latest candle the feed closed:
 * on the replay feed that is the replay's present, so nothing the replay has not reached shows.
 * The part of the window from before the feed's first candle (a fresh start, a replay that began
 * mid-history) is read once from the candle store. A symbol the feed does not play answers from
 * the store alone, up to the feed's present ({@link PriceFeed#marketTime}).
 *
 * <p>Candles are taken off the feed's thread onto one worker of this book, in order: the store
 * read of a first window must not hold the feed.
 */
@Component
public class TickerBook {

    /** Told of every closed feed candle once the book holds it (on the book's worker thread). */
    public interface Listener {
        void onCandleClosed(Candle candle);
    }

    private static final Logger log = LoggerFactory.getLogger(TickerBook.class);

    private final PriceFeed feed;
    private final CandleStore store;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ticker-book");
        thread.setDaemon(true);
        return thread;
    });
    private final PriceFeed.Subscription subscription;

    public TickerBook(PriceFeed feed, CandleStore store, Clock clock) {
        this.feed = feed;
        this.store = store;
        this.clock = clock;
        this.subscription = feed.subscribe(new PriceListener() {
            @Override
            public void onPrice(PriceTick tick) {
                // the ticker moves with closed candles only
            }

            @Override
            public void onCandleClosed(Candle candle) {
                try {
                    worker.execute(() -> closed(candle));
                } catch (RuntimeException e) { // shutting down
                    log.debug("ticker book stopped; candle {} dropped", candle);
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        subscription.close();
        worker.shutdownNow();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The symbol's 24 h ticker now; empty when no candle of it closed in the 24 h before the market's present. */
    public Optional<RollingTicker> ticker(String symbol) {
        Window window = windows.get(symbol);
        if (window != null) {
            synchronized (window) {
                if (window.end != null) {
                    return RollingTicker.of(symbol, window.candles.values(), window.end);
                }
            }
        }
        Optional<Instant> present = feed.marketTime(clock.instant());
        if (present.isEmpty()) {
            return Optional.empty();
        }
        Instant end = present.get();
        // the finest interval stored for the symbol serves the window best
        for (CandleInterval interval : new TreeSet<>(store.storedIntervals(symbol))) {
            Optional<RollingTicker> ticker = RollingTicker.of(symbol,
                    store.range(symbol, interval, RollingTicker.windowStart(end), end), end);
            if (ticker.isPresent()) {
                return ticker;
            }
        }
        return Optional.empty();
    }

    /**
     * The candle of {@code interval} that closes at {@code closeTime}, built from the feed's
     * candles of the last 24 h (so up to 1d); empty when the book holds none of that bucket.
     */
    public Optional<Candle> candle(String symbol, CandleInterval interval, Instant closeTime) {
        Window window = windows.get(symbol);
        if (window == null) {
            return Optional.empty();
        }
        synchronized (window) {
            return RollingTicker.bucket(symbol, interval, closeTime,
                    window.candles.tailMap(closeTime.minus(interval.duration())).values());
        }
    }

    private void closed(Candle candle) {
        Window window = windows.computeIfAbsent(candle.symbol(), s -> new Window());
        try {
            synchronized (window) {
                window.add(candle);
            }
        } catch (RuntimeException e) {
            log.warn("ticker book could not take candle {}", candle, e);
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.onCandleClosed(candle);
            } catch (RuntimeException e) {
                log.warn("ticker listener {} failed on {}", listener, candle, e);
            }
        }
    }

    /** One symbol's closed candles by open time, at most 24 h of them. */
    private final class Window {
        final TreeMap<Instant, Candle> candles = new TreeMap<>();
        CandleInterval interval;
        /** The close of the latest candle: where the window ends. */
        Instant end;

        void add(Candle candle) {
            boolean backInTime = end != null && candle.closeTime().isBefore(end); // a replay starting over
            if (backInTime || candle.interval() != interval) {
                candles.clear();
                end = null;
                interval = candle.interval();
            }
            Instant from = RollingTicker.windowStart(candle.closeTime());
            if (candles.isEmpty()) {
                // what closed before the feed's first candle is history the store has (or not)
                for (Candle stored : store.range(candle.symbol(), interval, from, candle.openTime())) {
                    candles.put(stored.openTime(), stored);
                }
            }
            candles.put(candle.openTime(), candle);
            candles.headMap(from).clear();
            end = candle.closeTime();
        }
    }
}
