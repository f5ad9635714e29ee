package com.agentbattles.domain.agent;

import com.agentbattles.domain.common.Decimals;

import java.math.BigDecimal;

/**
 * An agent's risk profile as its owner set it. Unset values fall back to the defaults of the
 * spec, and the same values apply in live and historical trading.
 */
public record RiskConfig(BigDecimal maxOrderSizePct,
                         BigDecimal maxPositionSizePct,
                         BigDecimal dailyLossLimitPct,
                         Integer maxOpenOrders) {

    public static final BigDecimal DEFAULT_MAX_ORDER_SIZE_PCT = new BigDecimal("50");
    public static final BigDecimal DEFAULT_MAX_POSITION_SIZE_PCT = new BigDecimal("25");
    public static final BigDecimal DEFAULT_DAILY_LOSS_LIMIT_PCT = new BigDecimal("20");
    public static final int DEFAULT_MAX_OPEN_ORDERS = 50;
    public static final int MAX_OPEN_ORDERS_CEILING = 1000;

    public static RiskConfig defaults() {
        return new RiskConfig(DEFAULT_MAX_ORDER_SIZE_PCT, DEFAULT_MAX_POSITION_SIZE_PCT,
                DEFAULT_DAILY_LOSS_LIMIT_PCT, DEFAULT_MAX_OPEN_ORDERS);
    }

    /** Fills unset values with the defaults and refuses values outside their ranges. */
    public static RiskConfig validated(RiskConfig requested) {
        if (requested == null) {
            return defaults();
        }
        return new RiskConfig(
                percent("risk_config.max_order_size_pct", requested.maxOrderSizePct, DEFAULT_MAX_ORDER_SIZE_PCT),
                percent("risk_config.max_position_size_pct", requested.maxPositionSizePct, DEFAULT_MAX_POSITION_SIZE_PCT),
                percent("risk_config.daily_loss_limit_pct", requested.dailyLossLimitPct, DEFAULT_DAILY_LOSS_LIMIT_PCT),
                openOrders(requested.maxOpenOrders));
    }

    /** This profile with the values set in {@code changes} taking precedence. */
    public RiskConfig mergedWith(RiskConfig changes) {
        if (changes == null) {
            return this;
        }
        return validated(new RiskConfig(
                changes.maxOrderSizePct != null ? changes.maxOrderSizePct : maxOrderSizePct,
                changes.maxPositionSizePct != null ? changes.maxPositionSizePct : maxPositionSizePct,
                changes.dailyLossLimitPct != null ? changes.dailyLossLimitPct : dailyLossLimitPct,
                changes.maxOpenOrders != null ? changes.maxOpenOrders : maxOpenOrders));
    }

    private static BigDecimal percent(String field, BigDecimal value, BigDecimal fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw Decimals.invalid(field, "must be greater than 0 and at most 100");
        }
        return value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
    }

    private static Integer openOrders(Integer value) {
        if (value == null) {
            return DEFAULT_MAX_OPEN_ORDERS;
        }
        if (value < 1 || value > MAX_OPEN_ORDERS_CEILING) {
            throw Decimals.invalid("risk_config.max_open_orders", "must be between 1 and " + MAX_OPEN_ORDERS_CEILING);
        }
        return value;
    }
}
