package com.agentbattles.domain.trading;

import com.agentbattles.domain.common.Decimals;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Spot, long-only: a buy spends USDT for the base asset, a sell gives held base asset back for USDT. */
public enum OrderSide {
    BUY("buy"),
    SELL("sell");

    private final String code;

    OrderSide(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static OrderSide of(String code) {
        return parse("side", code);
    }

    public static OrderSide parse(String field, String code) {
        for (OrderSide side : values()) {
            if (side.code.equals(code)) {
                return side;
            }
        }
        throw Decimals.invalid(field, "must be one of buy, sell (got '" + code + "')");
    }
}
