package com.agentbattles.domain.trading;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An accepted order waiting for a price to reach it (a market order is accepted and filled at
 * once and never rests).
 *
 * @param locked what the order holds back until it fills or is cancelled: USDT (notional at the
 *               order's price plus fee) for a buy, base asset quantity for a sell
 */
public record RestingOrder(String orderId, String symbol, OrderSide side, OrderType type, BigDecimal quantity,
                           BigDecimal price, BigDecimal triggerPrice, BigDecimal locked, Instant createdAt) {
}
