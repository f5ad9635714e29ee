package com.agentbattles.domain.common;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Parsing and scaling of the decimal amounts clients send, with refusals that name the field. */
public final class Decimals {

    /** USDT amounts are kept to 8 decimal places, like Binance's own balances. */
    public static final int USDT_SCALE = 8;
    public static final BigDecimal MAX_STARTING_BALANCE = new BigDecimal("1000000000");

    private Decimals() {
    }

    public static BigDecimal usdt(BigDecimal value) {
        return value.setScale(USDT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** A starting balance: positive, at most a billion USDT, at most 8 decimals. */
    public static BigDecimal startingBalance(String field, BigDecimal value) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        if (value.signum() <= 0) {
            throw invalid(field, "must be positive");
        }
        if (value.compareTo(MAX_STARTING_BALANCE) > 0) {
            throw invalid(field, "must be at most " + MAX_STARTING_BALANCE.toPlainString() + " USDT");
        }
        if (value.stripTrailingZeros().scale() > USDT_SCALE) {
            throw invalid(field, "has more than " + USDT_SCALE + " decimal places");
        }
        return usdt(value);
    }

    public static DomainException invalid(String field, String problem) {
        return new DomainException(ErrorCode.VALIDATION_ERROR, field + " " + problem, Map.of("field", field));
    }
}
