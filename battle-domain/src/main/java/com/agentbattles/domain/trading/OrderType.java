package com.agentbattles.domain.trading;

import com.agentbattles.domain.common.Decimals;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Market orders fill at once; the others rest until a later price reaches them. A limit order
 * needs {@code price}; stop_loss and take_profit need {@code trigger_price}.
 */
public enum OrderType {
    MARKET("market"),
    LIMIT("limit"),
    STOP_LOSS("stop_loss"),
    TAKE_PROFIT("take_profit");

    private final String code;

    OrderType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public boolean rests() {
        return this != MARKET;
    }

    public boolean triggered() {
        return this == STOP_LOSS || this == TAKE_PROFIT;
    }

    @JsonCreator
    public static OrderType of(String code) {
        return parse("type", code);
    }

    public static OrderType parse(String field, String code) {
        for (OrderType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw Decimals.invalid(field, "must be one of market, limit, stop_loss, take_profit (got '" + code + "')");
    }
}
