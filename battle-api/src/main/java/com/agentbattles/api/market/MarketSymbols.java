package com.agentbattles.api.market;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.store.CandleStore;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which symbols the market endpoints and channels know: one rule for REST and the WebSocket. */
@Component
public class MarketSymbols {

    private final CandleStore store;
    private final PriceFeed feed;
    private final MarketDataProperties properties;

    public MarketSymbols(CandleStore store, PriceFeed feed, MarketDataProperties properties) {
        this.store = store;
        this.feed = feed;
        this.properties = properties;
    }

    /** The pairs on offer, upper case, in configuration order. */
    public Set<String> configuredPairs() {
        Set<String> pairs = new LinkedHashSet<>();
        properties.getPairs().forEach(p -> pairs.add(p.toUpperCase(Locale.ROOT)));
        return pairs;
    }

    /** A configured pair, a symbol the feed follows, or one with stored candles, upper case; else 404 SYMBOL_NOT_FOUND. */
    public String known(String symbol) {
        String sym = symbol.toUpperCase(Locale.ROOT);
        if (configuredPairs().contains(sym) || feed.trackedSymbols().contains(sym) || store.symbols().contains(sym)) {
            return sym;
        }
        throw new DomainException(ErrorCode.SYMBOL_NOT_FOUND, "unknown symbol " + sym, Map.of("symbol", sym));
    }
}
