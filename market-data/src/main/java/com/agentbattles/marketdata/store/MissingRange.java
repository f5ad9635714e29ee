package com.agentbattles.marketdata.store;

/** A span of candle open times that a symbol lacks within a requested window. */
public record MissingRange(String symbol, TimeRange range) {
}
