package com.agentbattles.engine;

import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;

import java.math.BigDecimal;

/**
 * The nearest levels of one symbol's resting orders, so that a candle that reaches none of them
 * is dismissed with two comparisons and no allocation (the common case by far).
 *
 * <p>"Down" orders are reached when the low falls to their level (limit buy, stop-loss sell,
 * take-profit buy); "up" orders when the high rises to it (limit sell, take-profit sell,
 * stop-loss buy, i.e. a breakout buy).
 */
final class TriggerLevels {

    /** Highest level among down orders, null when there are none. */
    BigDecimal highestDown;
    /** Lowest level among up orders, null when there are none. */
    BigDecimal lowestUp;

    static boolean isDown(RestingOrder order) {
        return switch (order.type()) {
            case LIMIT -> order.side() == OrderSide.BUY;
            case STOP_LOSS -> order.side() == OrderSide.SELL;
            case TAKE_PROFIT -> order.side() == OrderSide.BUY;
            case MARKET -> throw new IllegalStateException("a market order never rests");
        };
    }

    static BigDecimal level(RestingOrder order) {
        return order.type() == OrderType.LIMIT ? order.price() : order.triggerPrice();
    }

    void add(RestingOrder order) {
        BigDecimal level = level(order);
        if (isDown(order)) {
            highestDown = highestDown == null ? level : highestDown.max(level);
        } else {
            lowestUp = lowestUp == null ? level : lowestUp.min(level);
        }
    }

    /** True when a bar with this high and low reaches at least one order. */
    boolean reachedBy(BigDecimal high, BigDecimal low) {
        return (highestDown != null && low.compareTo(highestDown) <= 0)
                || (lowestUp != null && high.compareTo(lowestUp) >= 0);
    }

    static boolean reaches(RestingOrder order, BigDecimal high, BigDecimal low) {
        BigDecimal level = level(order);
        return isDown(order) ? low.compareTo(level) <= 0 : high.compareTo(level) >= 0;
    }

    /** The price the order fills at before slippage: its level, or the open if the bar gapped through it. */
    static BigDecimal gapReference(RestingOrder order, BigDecimal open) {
        BigDecimal level = level(order);
        return isDown(order) ? level.min(open) : level.max(open);
    }
}
