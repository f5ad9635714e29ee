package com.agentbattles.domain.battle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who moves a historical battle's virtual clock: {@code owner} steps it through {@code /step}
 * (the presets' default); with {@code agents}, a step closes when every active participant has
 * said it is done with it, or when the step's time-out passes.
 */
public enum StepClock {
    OWNER("owner"),
    AGENTS("agents");

    private final String code;

    StepClock(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static StepClock of(String code) {
        return parse("clock", code);
    }

    public static StepClock parse(String field, String code) {
        return WireNames.parse(StepClock.class, StepClock::code, field, code);
    }
}
