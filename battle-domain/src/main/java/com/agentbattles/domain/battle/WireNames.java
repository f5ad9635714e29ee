package com.agentbattles.domain.battle;

import com.agentbattles.domain.common.Decimals;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lowercase names clients send for battle enums, refusing unknown ones with the field named. */
final class WireNames {

    private WireNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> wireName, String field, String value) {
        if (value == null) {
            return null;
        }
        String wanted = value.strip();
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> wireName.apply(constant).equals(wanted))
                .findFirst()
                .orElseThrow(() -> Decimals.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(wireName).collect(Collectors.joining(", ")) + " (got '" + value + "')"));
    }
}
