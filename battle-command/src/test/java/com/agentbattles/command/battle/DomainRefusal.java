package com.agentbattles.command.battle;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;

import java.util.Map;

/** Matches a {@link DomainException} by code and by a subset of its details. */
public final class DomainRefusal extends TypeSafeMatcher<DomainException> {

    private final ErrorCode code;
    private final Map<String, Object> details;

    private DomainRefusal(ErrorCode code, Map<String, Object> details) {
        this.code = code;
        this.details = details;
    }

    public static DomainRefusal refusal(ErrorCode code) {
        return new DomainRefusal(code, Map.of());
    }

    public static DomainRefusal refusal(ErrorCode code, Map<String, Object> details) {
        return new DomainRefusal(code, details);
    }

    /** INVALID_STATE_TRANSITION with the status it was in and the action refused. */
    public static DomainRefusal illegalTransition(String from, String action) {
        return refusal(ErrorCode.INVALID_STATE_TRANSITION, Map.of("from", from, "action", action));
    }

    public static DomainRefusal invalidField(String field) {
        return refusal(ErrorCode.VALIDATION_ERROR, Map.of("field", field));
    }

    @Override
    protected boolean matchesSafely(DomainException e) {
        return e.code() == code && details.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(e.details().get(entry.getKey())));
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("DomainException " + code + " with details containing " + details);
    }

    @Override
    protected void describeMismatchSafely(DomainException e, Description description) {
        description.appendText("was " + e.code() + " " + e.details() + ": " + e.getMessage());
    }
}
