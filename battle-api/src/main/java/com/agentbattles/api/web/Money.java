package com.agentbattles.api.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How amounts read in responses. */
public final class Money {

    private Money() {
    }

    /** At least two decimals ("10000.00"), more only when they carry value ("0.12345678"). */
    public static BigDecimal display(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
    }

    /** Prices, quantities and ratios: exactly as computed, without trailing zeros ("42150.1", "18.42"). */
    public static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
