package com.agentbattles.domain.error;

import java.util.Map;

/**
 * A refusal that the caller caused and can understand: thrown by command handlers, services and
 * validators, turned into {@code {"error": {"code", "message", "details"}}} by the REST layer.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public DomainException(ErrorCode code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
