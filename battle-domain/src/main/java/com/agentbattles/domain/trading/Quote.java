package com.agentbattles.domain.trading;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A live price: what the feed last said for a symbol.
 *
 * @param quoteVolume USDT volume of the current 1m kline, used to size slippage; null when unknown
 *                    (slippage then takes its ceiling)
 */
public record Quote(String symbol, BigDecimal price, BigDecimal quoteVolume, Instant time) {
}
