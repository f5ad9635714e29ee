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

    /** Writes an error straight to the servlet response, for filters outside Spring MVC. */
    public void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(status(code.kind()).value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), body(code.name(), message, Map.of()));
    }
}
