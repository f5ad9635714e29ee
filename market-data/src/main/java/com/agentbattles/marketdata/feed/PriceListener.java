package com.agentbattles.marketdata.feed;

import com.agentbattles.domain.market.Candle;

/**
 * Receives price updates from a {@link PriceFeed}. Called on the feed's thread: return quickly
 * (hand heavy work to your own executor) and do not throw; exceptions are logged and swallowed.
 */
@FunctionalInterface
public interface PriceListener {

    void onPrice(PriceTick tick);

    /** A candle closed (kline stream or replay); live battles may record it. Default: ignore. */
    default void onCandleClosed(Candle candle) {
    }
}
