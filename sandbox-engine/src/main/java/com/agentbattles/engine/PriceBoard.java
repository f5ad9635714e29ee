package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Quote;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest known price of every symbol, as the agents see it: a closed candle's close in
 * historical mode, the last tick in live mode. A symbol with no price yet has none — the engine
 * never invents one — and a symbol keeps its last price until a newer one comes. Sorted by
 * symbol so that iteration (and hashing) is deterministic. Serialisable through its field.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PriceBoard {

    private final TreeMap<String, Quote> quotes = new TreeMap<>();

    public void update(Candle closed) {
        quotes.put(closed.symbol(), new Quote(closed.symbol(), closed.close(), closed.quoteVolumeOrEstimate(), closed.closeTime()));
    }

    public void update(Quote tick) {
        quotes.put(tick.symbol(), tick);
    }

    public Optional<Quote> quote(String symbol) {
        return Optional.ofNullable(quotes.get(symbol));
    }

    public Optional<BigDecimal> price(String symbol) {
        Quote quote = quotes.get(symbol);
        return quote == null ? Optional.empty() : Optional.of(quote.price());
    }

    /** Every symbol with a price, in symbol order. */
    public java.util.Collection<Quote> quotes() {
        return java.util.Collections.unmodifiableCollection(quotes.values());
    }

    public PriceBoard copy() {
        PriceBoard copy = new PriceBoard();
        copy.quotes.putAll(quotes);
        return copy;
    }

    /** The time of the newest price on the board, or null when it is empty. */
    public Instant latestTime() {
        return quotes.values().stream().map(Quote::time).max(Instant::compareTo).orElse(null);
    }

    /** The hot-path reads: no Optional allocated per valuation. */
    Quote quoteOrNull(String symbol) {
        return quotes.get(symbol);
    }

    BigDecimal priceOrNull(String symbol) {
        Quote quote = quotes.get(symbol);
        return quote == null ? null : quote.price();
    }
}
