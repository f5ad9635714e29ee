package com.agentbattles.domain.battle;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The battle state machine (spec/README.md, settled point 1). Each status says which actions it
 * allows; everything else is refused with {@code INVALID_STATE_TRANSITION} and {from, action}.
 */
public enum BattleStatus {
    /** No participants yet. */
    DRAFT("draft"),
    /** At least one participant; config and roster still editable. */
    PENDING("pending"),
    ACTIVE("active"),
    /** Running, with at least one participant paused. */
    PAUSED("paused"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String code;

    BattleStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static BattleStatus of(String code) {
        return parse("status", code);
    }

    public static BattleStatus parse(String field, String code) {
        return WireNames.parse(BattleStatus.class, BattleStatus::code, field, code);
    }

    /** Config edits and roster changes: only before the battle starts. */
    public boolean isEditable() {
        return this == DRAFT || this == PENDING;
    }

    /** Trading is under way (some participants may be paused). */
    public boolean isRunning() {
        return this == ACTIVE || this == PAUSED;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == CANCELLED;
    }

    public boolean canCancel() {
        return isEditable() || isRunning();
    }

    /** The roster size decides between draft and pending before the start. */
    public static BattleStatus beforeStart(int participantCount) {
        return participantCount == 0 ? DRAFT : PENDING;
    }

    public DomainException refuse(String action) {
        return refuse(action, Map.of());
    }

    /** The one refusal for an action this status does not allow; extra details explain the reason. */
    public DomainException refuse(String action, Map<String, Object> extraDetails) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", code);
        details.put("action", action);
        details.putAll(extraDetails);
        return new DomainException(ErrorCode.INVALID_STATE_TRANSITION,
                "cannot " + action.replace('_', ' ') + " a battle that is " + code
                        + (extraDetails.containsKey("reason") ? ": " + extraDetails.get("reason") : ""), details);
    }
}
