package com.agentbattles.api.config;

import com.agentbattles.domain.error.DomainException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;

/**
 * A command refused with a {@link DomainException} before it applied any event changed nothing, so
 * its unit of work commits (an empty commit) instead of rolling back: the refusal still reaches the
 * caller as the exception, but the aggregate it loaded stays in (or enters) Axon's aggregate cache.
 * A rollback would make {@code CachingEventSourcingRepository} evict it, and the next command, often
 * the same refused one (a client polling a finished battle), would load snapshot and tail again.
 * <p>
 * Any other failure, and a refusal after an event was applied, rolls back as Axon's default does.
 * "Applied" is read from the events the event bus holds for the unit of work (and its parents),
 * which is where {@code apply} puts them until the commit; {@code RefusalKeepsAggregateTest} pins that.
 * Only on a single node: in a ring a cached copy may be stale, and the eviction that comes with the
 * rollback is what lets the next command load the fresh one (docs/operations.md).
 */
public final class RefusalKeepsAggregate implements RollbackConfiguration {

    @Override
    public boolean rollBackOn(Throwable failure) {
        if (!RollbackConfigurationType.UNCHECKED_EXCEPTIONS.rollBackOn(failure)) {
            return false;
        }
        return !(failure instanceof DomainException) || !CurrentUnitOfWork.isStarted()
                || eventsStaged(CurrentUnitOfWork.get());
    }

    private static boolean eventsStaged(UnitOfWork<?> unitOfWork) {
        for (UnitOfWork<?> current = unitOfWork; current != null; current = current.parent().orElse(null)) {
            for (Object resource : current.resources().values()) {
                if (resource instanceof List<?> list && list.stream().anyMatch(EventMessage.class::isInstance)) {
                    return true;
                }
            }
        }
        return false;
    }
}
