package com.agentbattles.domain.battle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a live battle treats the participants' wallets: {@code fresh} provisions the starting
 * balance and restores the wallet afterwards; {@code existing} trades the wallet as it is.
 */
public enum WalletMode {
    FRESH("fresh"),
    EXISTING("existing");

    private final String code;

    WalletMode(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static WalletMode of(String code) {
        return parse("wallet_mode", code);
    }

    public static WalletMode parse(String field, String code) {
        return WireNames.parse(WalletMode.class, WalletMode::code, field, code);
    }
}
