package com.agentbattles.domain.battle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Live battles trade on the real-time feed; historical ones replay stored candles on a shared virtual clock. */
public enum BattleMode {
    LIVE("live"),
    HISTORICAL("historical");

    private final String code;

    BattleMode(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static BattleMode of(String code) {
        return parse("battle_mode", code);
    }

    public static BattleMode parse(String field, String code) {
        return WireNames.parse(BattleMode.class, BattleMode::code, field, code);
    }
}
