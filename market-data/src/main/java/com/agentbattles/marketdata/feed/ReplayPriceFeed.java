package com.agentbattles.marketdata.feed;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.marketdata.store.Coverage;
import com.agentbattles.marketdata.store.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays stored candles as if they were live, {@code speed} times faster than real time: each step
 * publishes the close of every tracked symbol's candle at the replay cursor (and the candle itself
 * as closed). Ticks carry the feed clock's time, not the historical one, because consumers treat
 * this exactly like the live Binance feed; the candles keep their historical open times.
 */
@Component
@ConditionalOnProperty(prefix = "battles.market", name = "feed", havingValue = "replay")
public class ReplayPriceFeed extends AbstractPriceFeed implements SmartLifecycle {

    /** Candle steps loaded per database read. */
    static final int STEPS_PER_LOAD = 500;

    private static final Logger log = LoggerFactory.getLogger(ReplayPriceFeed.class);

    private final CandleStore store;
    private final MarketDataProperties.Replay props;
    private final CandleInterval interval;
    private final Clock clock;
    private final Object lock = new Object();

    private volatile boolean running;
    private volatile String state = "not started";
    private ScheduledExecutorService scheduler;
    // guarded by lock
    private Instant start;
    private Instant cursor;
    private final TreeMap<Instant, List<Candle>> buffer = new TreeMap<>();
    private Instant bufferEnd;
    private long steps;
    private long rounds;

    @Autowired
    public ReplayPriceFeed(CandleStore store, MarketDataProperties properties) {
        this(store, properties.getReplay(),
                properties.getReplay().getSymbols().isEmpty() ? properties.getPairs() : properties.getReplay().getSymbols(),
                Clock.systemUTC());
    }

    public ReplayPriceFeed(CandleStore store, MarketDataProperties.Replay props, Collection<String> symbols,
                           Clock clock) {
        this.store = store;
        this.props = props;
        this.interval = CandleInterval.of(props.getInterval());
        this.clock = clock;
        track(symbols);
    }

    @Override
    public String name() {
        return "replay";
    }

    /** How often an idle replay looks again for candles (an import may have just brought them). */
    static final long IDLE_RECHECK_MS = 1000;

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "replay-feed");
                t.setDaemon(true);
                return t;
            });
            running = true;
            scheduler.execute(this::begin);
        }
    }

    /** Finds where to start and starts playing; until there are candles, looks again every second. */
    private void begin() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            try {
                start = props.getStart() != null ? props.getStart() : defaultStart().orElse(null);
            } catch (RuntimeException e) {
                start = null;
                log.warn("replay feed cannot read the candle store yet", e);
            }
            if (start == null) {
                state = "waiting: no stored candles common to " + trackedSymbols();
                scheduler.schedule(this::begin, IDLE_RECHECK_MS, TimeUnit.MILLISECONDS);
                return; // no crash: health says why
            }
            cursor = start;
            // at most one step per millisecond: faster would only burn a core
            long periodMicros = Math.max(1000, (long) (interval.millis() * 1000 / props.getSpeed()));
            state = "playing";
            scheduler.scheduleAtFixedRate(this::step, 0, periodMicros, TimeUnit.MICROSECONDS);
            log.info("replay feed from {} at {}x ({} us per {} candle)", start, props.getSpeed(), periodMicros,
                    interval.code());
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            running = false;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The beginning of the latest stretch covered for every tracked symbol. */
    private Optional<Instant> defaultStart() {
        List<TimeRange> common = null;
        for (String symbol : trackedSymbols()) {
            Coverage c = store.coverage(symbol, interval);
            common = common == null ? c.ranges() : intersect(common, c.ranges());
        }
        return common == null || common.isEmpty() ? Optional.empty()
                : Optional.of(common.get(common.size() - 1).from());
    }

    private static List<TimeRange> intersect(List<TimeRange> a, List<TimeRange> b) {
        List<TimeRange> out = new ArrayList<>();
        for (TimeRange x : a) {
            for (TimeRange y : b) {
                Instant from = x.from().isAfter(y.from()) ? x.from() : y.from();
                Instant to = x.toExclusive().isBefore(y.toExclusive()) ? x.toExclusive() : y.toExclusive();
                if (from.isBefore(to)) {
                    out.add(new TimeRange(from, to));
                }
            }
        }
        return out;
    }

    @Override
    protected void onSymbolsAdded(List<String> symbols) {
        synchronized (lock) {
            buffer.clear(); // reload from the cursor so the new symbols play from now on
            bufferEnd = null;
        }
    }

    private void step() {
        try {
            List<Candle> candles;
            synchronized (lock) {
                if (!running) {
                    return;
                }
                if (bufferEnd == null || !cursor.isBefore(bufferEnd)) {
                    load();
                }
                Map.Entry<Instant, List<Candle>> next = buffer.ceilingEntry(cursor);
                if (next == null) {
                    if (!props.isLoop()) {
                        state = "finished";
                        scheduler.shutdown();
                        return;
                    }
                    rounds++;
                    cursor = start;
                    buffer.clear();
                    bufferEnd = null;
                    return;
                }
                candles = next.getValue();
                cursor = next.getKey().plusMillis(interval.millis());
                steps++;
            }
            Instant now = clock.instant();
            for (Candle c : candles) {
                publish(new PriceTick(c.symbol(), c.close(), now));
                publishClosedCandle(c);
            }
        } catch (RuntimeException e) {
            state = "error: " + e.getMessage();
            log.warn("replay step failed", e);
        }
    }

    /** Loads the next stretch of candles; skips over gaps longer than one load. */
    private void load() {
        buffer.clear();
        Instant from = cursor;
        Instant to = from.plusMillis(interval.millis() * STEPS_PER_LOAD);
        for (String symbol : trackedSymbols()) {
            for (Candle c : store.range(symbol, interval, from, to)) {
                buffer.computeIfAbsent(c.openTime(), k -> new ArrayList<>()).add(c);
            }
        }
        if (buffer.isEmpty()) {
            Optional<Instant> after = trackedSymbols().stream()
                    .map(s -> store.range(s, interval, to, Instant.parse("9999-01-01T00:00:00Z"), 1, false))
                    .filter(l -> !l.isEmpty()).map(l -> l.get(0).openTime()).min(Instant::compareTo);
            if (after.isPresent()) {
                cursor = after.get();
                load();
                return;
            }
        }
        bufferEnd = to;
    }

    /** The close of the candles played last: the replay's present, whatever the wall clock says. */
    @Override
    public Optional<Instant> marketTime(Instant now) {
        synchronized (lock) {
            return "playing".equals(state) || "finished".equals(state) ? Optional.ofNullable(cursor) : Optional.empty();
        }
    }

    @Override
    public FeedHealth health() {
        Map<String, Object> d = new LinkedHashMap<>();
        synchronized (lock) {
            d.put("state", state);
            d.put("symbols", trackedSymbols());
            d.put("interval", interval.code());
            d.put("speed", props.getSpeed());
            if (cursor != null) {
                d.put("marketTime", cursor.toString());
            }
            d.put("steps", steps);
            d.put("rounds", rounds);
        }
        return new FeedHealth("playing".equals(state) || "finished".equals(state), d);
    }
}
