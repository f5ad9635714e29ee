package com.agentbattles.domain.battle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A participant trades while active; paused ones are skipped; eliminated ones (survival) are out
 * for good; a live battle's participant whose wallet could not be handed over never trades.
 */
public enum ParticipantStatus {
    ACTIVE("active"),
    PAUSED("paused"),
    ELIMINATED("eliminated"),
    NOT_PROVISIONED("not_provisioned");

    private final String code;

    ParticipantStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ParticipantStatus of(String code) {
        return WireNames.parse(ParticipantStatus.class, ParticipantStatus::code, "participant_status", code);
    }
}
