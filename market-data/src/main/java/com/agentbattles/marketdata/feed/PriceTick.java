package com.agentbattles.marketdata.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The last traded price of a symbol as the feed reported it, and when. */
public record PriceTick(String symbol, BigDecimal price, Instant timestamp) {

    public PriceTick {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
