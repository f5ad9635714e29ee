package com.agentbattles.api.cluster;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Map;

/**
 * A command's refusal as it crosses from the node that handled it to the node that dispatched it.
 * Axon's distributed bus carries a remote exception's class name and message only, and the
 * details of a {@code CommandExecutionException}; this record is those details, so the
 * dispatching node throws the same exception a single node would have (same status, same
 * error envelope, a concurrency conflict still retried).
 */
public record RemoteFailure(Kind kind, ErrorCode code, String message, Map<String, Object> details, String aggregateId) {

    public enum Kind { DOMAIN, CONCURRENCY, NOT_FOUND }

    /** The description of {@code failure}, or null when it is none of the kinds a client is answered with. */
    static RemoteFailure of(Throwable failure) {
        if (failure instanceof DomainException domain) {
            return new RemoteFailure(Kind.DOMAIN, domain.code(), domain.getMessage(), domain.details(), null);
        }
        if (failure instanceof ConcurrencyException) {
            return new RemoteFailure(Kind.CONCURRENCY, null, failure.getMessage(), Map.of(), null);
        }
        if (failure instanceof AggregateNotFoundException notFound) {
            return new RemoteFailure(Kind.NOT_FOUND, null, notFound.getMessage(), Map.of(),
                    String.valueOf(notFound.getAggregateIdentifier()));
        }
        return null;
    }

    RuntimeException toException() {
        return switch (kind) {
            case DOMAIN -> new DomainException(code, message, details == null ? Map.of() : details);
            case CONCURRENCY -> new ConcurrencyException(message);
            case NOT_FOUND -> new AggregateNotFoundException(aggregateId, message);
        };
    }
}
