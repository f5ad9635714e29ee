package com.agentbattles.domain.trading;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution: orders fill whole, so the trade id is the order id. Everything a trade log,
 * a balance or a metric needs is here, so no reader has to recompute a fill.
 *
 * @param referencePrice the price before slippage (candle close, gap-adjusted trigger or limit, or tick)
 * @param price          the executed price, slippage included
 * @param slippagePct    slippage applied, percent (0 for limit fills)
 * @param fee            USDT, always ≥ 0
 * @param total          USDT moved: notional + fee for a buy, notional − fee for a sell
 * @param realizedPnl    sells only: (price − average entry) × quantity − this fee − the buy fees
 *                       of the quantity sold; null for buys
 */
public record Fill(String orderId, String symbol, OrderSide side, OrderType type, BigDecimal quantity,
                   BigDecimal referencePrice, BigDecimal price, BigDecimal slippagePct, BigDecimal fee,
                   BigDecimal total, BigDecimal realizedPnl, Instant executedAt) {
}
