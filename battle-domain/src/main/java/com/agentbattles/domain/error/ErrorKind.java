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
    RATE_LIMITED,
    /** 405: the endpoint exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED,
    /** 406: the client accepts no representation the endpoint produces (the API speaks JSON). */
    NOT_ACCEPTABLE,
    /** 413: the request body is larger than the server accepts. */
    TOO_LARGE,
    /** 415: the request body's Content-Type is not one the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE,
    /** 500: a fault of the server, never of the request. */
    INTERNAL,
    /** 503: the server cannot answer this now (a cluster member left mid-command); retry. */
    UNAVAILABLE
}
