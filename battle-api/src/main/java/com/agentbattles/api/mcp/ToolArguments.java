package com.agentbattles.api.mcp;

import com.agentbattles.domain.common.Decimals;

import java.math.BigDecimal;
import java.util.Map;

/** Reads a tool call's arguments; a number may come as a JSON number or as a decimal string. */
record ToolArguments(Map<String, Object> values) {

    ToolArguments {
        values = values == null ? Map.of() : values;
    }

    String text(String name) {
        Object value = values.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    String required(String name) {
        String value = text(name);
        if (value == null) {
            throw Decimals.invalid(name, "is required");
        }
        return value;
    }

    BigDecimal decimal(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw Decimals.invalid(name, "must be a decimal number (got '" + value + "')");
        }
    }

    Long whole(String name) {
        BigDecimal value = decimal(name);
        if (value == null) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw Decimals.invalid(name, "must be a whole number (got '" + value + "')");
        }
    }
}
