package com.agentbattles.domain.error;

/** What kind of refusal an error is; the REST layer maps each kind to one HTTP status. */
public enum ErrorKind {
    /** 400: the request is malformed or a field is invalid. */
    INVALID,
    /** 401: no or bad credentials. */
    UNAUTHENTICATED,
    /** 403: authenticated, but this caller may not do this. */
    FORBIDDEN,
    /** 404: unknown id, or someone else's resource. */
    NOT_FOUND,
    /** 409: the resource is in a state that does not allow this. */
    CONFLICT,
    /** 422: well-formed, but the business rules refuse it (e.g. a rejected order). */
    UNPROCESSABLE,
    /** 429: too many requests; retry later. */
    RATE_LIMITED
}
