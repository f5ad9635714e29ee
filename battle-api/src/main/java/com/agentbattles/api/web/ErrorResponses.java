package com.agentbattles.api.web;

import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.error.ErrorKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of every error: {@code {"error": {"code", "message", "details"}}}, used by the
 * controllers' exception handler and by the security filters alike.
 */
@Component
public class ErrorResponses {

    private final ObjectMapper objectMapper;

    public ErrorResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /**
     * The code for a bare HTTP status, when the HTTP layer (Tomcat, the firewall, Spring MVC)
     * decided the status and nothing more specific is known.
     */
    public static ErrorCode code(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.AUTHENTICATION_REQUIRED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ErrorCode.VALIDATION_ERROR;
            case 429 -> ErrorCode.RATE_LIMIT_EXCEEDED;
            case 500 -> ErrorCode.INTERNAL_ERROR;
            case 503 -> ErrorCode.NODE_UNAVAILABLE;
            default -> ErrorCode.PROTOCOL_ERROR;
        };
    }

    /** What a client reads for a bare status; never the server's internals. */
    public static String message(int status) {
        return switch (status) {
            case 400 -> "the request is malformed: its request line, URL or headers are not accepted (a URL may not"
                    + " contain an encoded '/' or '\\', a ';', a NUL or double-encoded characters)";
            case 401 -> "authenticate with Authorization: Bearer <JWT> or X-API-Key";
            case 403 -> "not allowed";
            case 404 -> "no such endpoint";
            case 405 -> "this endpoint does not support the request's method";
            case 406 -> "this API answers application/json only";
            case 413 -> "the request body is too large";
            case 415 -> "send JSON with Content-Type: application/json";
            case 500 -> "an internal error occurred";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield "the request was refused" + (known == null ? "" : ": " + known.getReasonPhrase());
            }
        };
    }

    public static Map<String, Object> body(String code, String message, Map<String, ?> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details == null ? Map.of() : details);
        return Map.of("error", error);
    }

    public static ResponseEntity<Object> entity(ErrorCode code, String message, Map<String, ?> details) {
        return ResponseEntity.status(status(code.kind()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(code.name(), message, details));
    }

    /** The error as JSON text, for writers that have no servlet output stream (Tomcat's valves). */
    public String json(ErrorCode code, String message) {
        try {
            return objectMapper.writeValueAsString(body(code.name(), message, Map.of()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an error body of two strings always serializes", e);
        }
    }

    /** Writes an error straight to the servlet response, for filters outside Spring MVC. */
    public void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        write(response, status(code.kind()).value(), code, message);
    }

    /** Writes an error with a status of the caller's choosing (the HTTP layer's own, say). */
    public void write(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), body(code.name(), message, Map.of()));
    }
}
