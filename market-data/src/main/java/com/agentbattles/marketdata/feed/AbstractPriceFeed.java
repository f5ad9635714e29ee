package com.agentbattles.marketdata.feed;

import com.agentbattles.domain.market.Candle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Latest prices, tracked symbols and listener fan-out shared by every feed. */
public abstract class AbstractPriceFeed implements PriceFeed {

    private static final Logger log = LoggerFactory.getLogger(AbstractPriceFeed.class);

    private final Map<String, PriceTick> latest = new ConcurrentHashMap<>();
    private final List<PriceListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<PriceTick> latestPrice(String symbol) {
        return Optional.ofNullable(latest.get(symbol.toUpperCase(Locale.ROOT)));
    }

    @Override
    public List<PriceTick> latestPrices() {
        List<PriceTick> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing(PriceTick::symbol));
        return all;
    }

    @Override
    public Subscription subscribe(PriceListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void track(Collection<String> symbols) {
        List<String> added = new ArrayList<>();
        for (String s : symbols) {
            String sym = s.toUpperCase(Locale.ROOT);
            if (tracked.add(sym)) {
                added.add(sym);
            }
        }
        if (!added.isEmpty()) {
            onSymbolsAdded(added);
        }
    }

    @Override
    public Set<String> trackedSymbols() {
        return new TreeSet<>(tracked);
    }

    /** Hook for feeds that must subscribe upstream when symbols are added at runtime. */
    protected void onSymbolsAdded(List<String> symbols) {
    }

    /** Records a price and tells listeners; an update older than the one held is ignored. */
    protected void publish(PriceTick tick) {
        PriceTick kept = latest.merge(tick.symbol(), tick,
                (old, now) -> now.timestamp().isBefore(old.timestamp()) ? old : now);
        if (kept != tick) {
            return;
        }
        for (PriceListener l : listeners) {
            try {
                l.onPrice(tick);
            } catch (RuntimeException e) {
                log.warn("price listener {} failed on {}", l, tick, e);
            }
        }
    }

    protected void publishClosedCandle(Candle candle) {
        for (PriceListener l : listeners) {
            try {
                l.onCandleClosed(candle);
            } catch (RuntimeException e) {
                log.warn("price listener {} failed on candle {}", l, candle, e);
            }
        }
    }

    /** Forget prices (a replay that starts over). */
    protected void clearPrices() {
        latest.clear();
    }
}
