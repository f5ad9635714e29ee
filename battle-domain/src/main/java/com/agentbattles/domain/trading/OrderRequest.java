package com.agentbattles.domain.trading;

import java.math.BigDecimal;

/**
 * An order as an agent asked for it, before any check. The id is given by the caller so that
 * a retried command cannot place the same order twice.
 *
 * @param price        limit price; required for limit orders, ignored otherwise
 * @param triggerPrice required for stop_loss and take_profit, ignored otherwise
 */
public record OrderRequest(String orderId, String symbol, OrderSide side, OrderType type, BigDecimal quantity,
                           BigDecimal price, BigDecimal triggerPrice) {
}
