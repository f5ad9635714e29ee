package com.agentbattles.api.web;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every failure into the JSON error of the spec with the right status. Anything a client
 * can send ends here as a 4xx; only a genuine server fault is a 500, and it is logged.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        ResponseEntity<Object> response = ErrorResponses.entity(e.code(), e.getMessage(), e.details());
        Object retryAfter = e.details().get("retry_after_seconds");
        if (retryAfter != null) {
            return ResponseEntity.status(response.getStatusCode()).header("Retry-After", retryAfter.toString())
                    .body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e) {
        return unwrap(e);
    }

    @ExceptionHandler(QueryExecutionException.class)
    ResponseEntity<Object> queryFailed(QueryExecutionException e) {
        return unwrap(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return ErrorResponses.entity(ErrorCode.NOT_FOUND, "not found", Map.of());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrency(ConcurrencyException e) {
        return ErrorResponses.entity(ErrorCode.CONCURRENT_MODIFICATION,
                "the resource was changed by another request at the same time; retry", Map.of());
    }

    /**
     * A command sent over the ring to a member that left before answering (killed, or cut off):
     * Axon fails the waiting callback. Whether the command committed is unknown, so the answer says
     * to read before retrying; a retry after the view changed goes to the aggregate's new owner.
     */
    @ExceptionHandler({CommandBusConnectorCommunicationException.class, CommandDispatchException.class})
    ResponseEntity<Object> nodeLeft(RuntimeException e) {
        log.warn("A command's cluster member left before answering: {}", e.getMessage());
        return domain(new DomainException(ErrorCode.NODE_UNAVAILABLE, "the cluster member handling this request left"
                + " before it answered; it may or may not have been applied: read it again, then retry",
                Map.of("retry_after_seconds", 1)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RequestBodyLimitFilter.PayloadTooLargeException tooLarge) {
            return ErrorResponses.entity(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of());
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            String problem = cause instanceof InvalidFormatException invalid
                    ? (invalid.getTargetType() == String.class ? invalid.getOriginalMessage()
                    : "has an invalid value " + quote(invalid.getValue()))
                    : "has the wrong type";
            return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, field + " " + problem, Map.of("field", field));
        }
        if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            String reason = mapping.getCause() != null ? mapping.getCause().getMessage() : "is invalid";
            return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, field + " " + reason, Map.of("field", field));
        }
        return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, "the request body is missing or is not valid JSON", Map.of());
    }

    /** The firewall checks parameter values when they are read, that is inside Spring MVC. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return ErrorResponses.entity(ErrorCode.MALFORMED_REQUEST, e.getMessage(), Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR,
                e.getName() + " has an invalid value " + quote(e.getValue()), Map.of("field", e.getName()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, e.getParameterName() + " is required",
                Map.of("field", e.getParameterName()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Object> missingPart(MissingServletRequestPartException e) {
        return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, e.getRequestPartName() + " is required",
                Map.of("field", e.getRequestPartName()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e) {
        return ErrorResponses.entity(ErrorCode.PAYLOAD_TOO_LARGE, "the upload is too large", Map.of());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e) {
        return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, "the request must be multipart/form-data", Map.of());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e) {
        return ErrorResponses.entity(ErrorCode.VALIDATION_ERROR, e.getHeaderName() + " header is required",
                Map.of("field", e.getHeaderName()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<Object> error = ErrorResponses.entity(ErrorCode.METHOD_NOT_ALLOWED,
                e.getMethod() + " is not supported here", Map.of());
        // RFC 9110: a 405 names the methods the endpoint does support
        return ResponseEntity.status(error.getStatusCode()).headers(e.getHeaders()).contentType(MediaType.APPLICATION_JSON)
                .body(error.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return ErrorResponses.entity(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send JSON with Content-Type: application/json", Map.of());
    }

    /** The body is JSON whatever the client said it accepts: an error must still be readable. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        List<String> produced = e.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
        return ErrorResponses.entity(ErrorCode.NOT_ACCEPTABLE, "this endpoint answers "
                + (produced.isEmpty() ? "application/json" : String.join(", ", produced))
                + "; send an Accept header that allows it (or */*)", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noSuchPath(NoResourceFoundException e) {
        return ErrorResponses.entity(ErrorCode.NOT_FOUND, "no such endpoint: /" + e.getResourcePath(), Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // Spring MVC's own client errors (a missing path variable, a binding failure, …) carry their status
        if (e instanceof ErrorResponse standard && standard.getStatusCode().is4xxClientError()) {
            int status = standard.getStatusCode().value();
            String detail = standard.getBody().getDetail();
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorResponses.body(ErrorResponses.code(status).name(),
                            detail != null ? detail : ErrorResponses.message(status), Map.of()));
        }
        log.error("Unexpected failure", e);
        return ErrorResponses.entity(ErrorCode.INTERNAL_ERROR, "an internal error occurred", Map.of());
    }

    private ResponseEntity<Object> unwrap(RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof DomainException domain) {
                return domain(domain);
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return aggregateNotFound(notFound);
            }
            if (cause instanceof ConcurrencyException concurrency) {
                return concurrency(concurrency);
            }
            if (cause instanceof CommandBusConnectorCommunicationException || cause instanceof CommandDispatchException) {
                return nodeLeft((RuntimeException) cause);
            }
            cause = cause.getCause();
        }
        return unexpected(e);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String quote(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
