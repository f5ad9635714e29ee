package com.agentbattles.domain.error;

/**
 * Machine-readable error codes, as clients see them in {@code {"error": {"code": …}}}.
 * Add codes here rather than inventing strings at call sites.
 */
public enum ErrorCode {
    VALIDATION_ERROR(ErrorKind.INVALID),
    /**
     * The request is not one the HTTP layer accepts, before any endpoint reads it: a URL with an
     * encoded slash, a NUL, a backslash, a {@code ;} or a double-encoded character, an invalid
     * character in the request line, an oversized header. Always 400.
     */
    MALFORMED_REQUEST(ErrorKind.INVALID),
    /**
     * The HTTP layer refused the request with a status of its own that has no code of its own
     * (417 for an unknown Expect, 501 for an unknown Transfer-Encoding, 505 for an unknown HTTP
     * version); the response keeps that status.
     */
    PROTOCOL_ERROR(ErrorKind.INVALID),
    METHOD_NOT_ALLOWED(ErrorKind.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(ErrorKind.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    INTERNAL_ERROR(ErrorKind.INTERNAL),
    INVALID_API_KEY(ErrorKind.UNAUTHENTICATED),
    INVALID_TOKEN(ErrorKind.UNAUTHENTICATED),
    AUTHENTICATION_REQUIRED(ErrorKind.UNAUTHENTICATED),
    PERMISSION_DENIED(ErrorKind.FORBIDDEN),
    NOT_FOUND(ErrorKind.NOT_FOUND),
    ACCOUNT_NOT_FOUND(ErrorKind.NOT_FOUND),
    AGENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    BATTLE_NOT_FOUND(ErrorKind.NOT_FOUND),
    PARTICIPANT_NOT_FOUND(ErrorKind.NOT_FOUND),
    ORDER_NOT_FOUND(ErrorKind.NOT_FOUND),
    SYMBOL_NOT_FOUND(ErrorKind.NOT_FOUND),
    SESSION_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVALID_STATE_TRANSITION(ErrorKind.CONFLICT),
    AGENT_IN_ACTIVE_BATTLE(ErrorKind.CONFLICT),
    AGENT_ALREADY_IN_BATTLE(ErrorKind.CONFLICT),
    TOO_MANY_PARTICIPANTS(ErrorKind.CONFLICT),
    AGENT_ARCHIVED(ErrorKind.CONFLICT),
    DEFAULT_AGENT_PROTECTED(ErrorKind.CONFLICT),
    DATA_NOT_COVERED(ErrorKind.CONFLICT),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    /** An order or a "done" for a step of the agents' clock that has already closed. */
    STEP_CLOSED(ErrorKind.CONFLICT),
    BATTLE_NOT_COMPLETED(ErrorKind.INVALID),
    IMPORT_FAILED(ErrorKind.UNPROCESSABLE),
    INSUFFICIENT_BALANCE(ErrorKind.UNPROCESSABLE),
    ORDER_TOO_LARGE(ErrorKind.UNPROCESSABLE),
    POSITION_LIMIT_EXCEEDED(ErrorKind.UNPROCESSABLE),
    DAILY_LOSS_LIMIT(ErrorKind.UNPROCESSABLE),
    MAX_OPEN_ORDERS_EXCEEDED(ErrorKind.UNPROCESSABLE),
    PARTICIPANT_PAUSED(ErrorKind.UNPROCESSABLE),
    PARTICIPANT_ELIMINATED(ErrorKind.UNPROCESSABLE),
    PAIR_NOT_ALLOWED(ErrorKind.UNPROCESSABLE),
    INVALID_SYMBOL(ErrorKind.UNPROCESSABLE),
    INVALID_QUANTITY(ErrorKind.UNPROCESSABLE),
    INVALID_PRICE(ErrorKind.UNPROCESSABLE),
    INSUFFICIENT_HOLDINGS(ErrorKind.UNPROCESSABLE),
    NO_PRICE_AVAILABLE(ErrorKind.UNPROCESSABLE),
    ORDER_NOT_OPEN(ErrorKind.CONFLICT),
    /** The agent's wallet is in a live battle's custody; its orders go to that battle. */
    WALLET_IN_BATTLE(ErrorKind.CONFLICT),
    /** A live battle's participant whose wallet is still being provisioned. */
    WALLET_NOT_READY(ErrorKind.CONFLICT),
    /** A live battle's participant whose wallet could not be handed over (e.g. it is in another battle). */
    PARTICIPANT_NOT_PROVISIONED(ErrorKind.CONFLICT),
    RATE_LIMIT_EXCEEDED(ErrorKind.RATE_LIMITED),
    /**
     * The cluster member that was handling the command left the ring before it answered: the
     * command may or may not have been applied, so a client reads before it retries.
     */
    NODE_UNAVAILABLE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
