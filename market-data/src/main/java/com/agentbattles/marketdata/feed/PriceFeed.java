package com.agentbattles.marketdata.feed;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Live prices for the symbols in use. One implementation runs, chosen by
 * {@code battles.market.feed}: {@code binance} (WebSocket streams, default), {@code replay}
 * (stored candles played at a chosen speed) or {@code none}.
 */
public interface PriceFeed {

    /** binance, replay or none. */
    String name();

    Optional<PriceTick> latestPrice(String symbol);

    /** The latest price of every symbol that has one, ordered by symbol. */
    List<PriceTick> latestPrices();

    /** Registers a listener for every later price update; close the subscription to stop. */
    Subscription subscribe(PriceListener listener);

    /** Starts following these symbols too (idempotent); a live feed subscribes to them at once. */
    void track(Collection<String> symbols);

    Set<String> trackedSymbols();

    FeedHealth health();

    /**
     * The market's present: what a reader of this feed may have seen by now. A live feed is at
     * {@code now}; a feed that plays history is at the end of what it has played (empty before it
     * starts), so nothing later may be shown yet.
     */
    default Optional<Instant> marketTime(Instant now) {
        return Optional.of(now);
    }

    /** Ends a {@link #subscribe} registration. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
