package com.agentbattles.domain.metrics;

import java.math.BigDecimal;

/**
 * The metrics of spec/README.md "Metrics" for one participant or backtest. Null where a metric
 * is undefined (fewer than two returns, zero deviation, no sell, no losing sell).
 *
 * @param totalTrades fills inside the battle (buys and sells)
 * @param sells       sells with a realized PnL (the base of win_rate and profit_factor)
 * @param psr         probabilistic Sharpe ratio: the probability that the true Sharpe exceeds 0
 *                    ({@link SharpeStatistics}); null with fewer than {@link SharpeStatistics#MIN_RETURNS} returns
 * @param dsr         deflated Sharpe ratio: the same probability against the best Sharpe that as many
 *                    luck-only series as the battle has participants would show; null when psr is
 */
public record PerformanceMetrics(BigDecimal equity, BigDecimal roiPct, BigDecimal totalPnl, BigDecimal sharpeRatio,
                                 BigDecimal sortinoRatio, BigDecimal maxDrawdownPct, BigDecimal winRate,
                                 BigDecimal profitFactor, long totalTrades, long sells, long winningSells,
                                 BigDecimal grossProfit, BigDecimal grossLoss, BigDecimal psr, BigDecimal dsr) {
}
