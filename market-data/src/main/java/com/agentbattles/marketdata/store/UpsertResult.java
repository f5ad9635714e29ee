package com.agentbattles.marketdata.store;

/**
 * Outcome of writing candles: {@code written} rows were new or changed, {@code unchanged}
 * rows were already stored with identical values (so re-importing a file is a no-op).
 */
public record UpsertResult(long written, long unchanged) {
}
