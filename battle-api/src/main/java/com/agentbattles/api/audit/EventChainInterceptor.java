package com.agentbattles.api.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Stamps every aggregate event with its link in the {@link EventChain} as it is published.
 * The previous link comes from the same unit of work, from the hashes of committed events kept
 * in memory, or, on a miss (after a restart, or an aggregate handled elsewhere), from the stored
 * event before it. Hashes enter the shared memory only after their transaction commits, so a
 * rolled-back command never poisons the chain.
 */
public class EventChainInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String PENDING = EventChainInterceptor.class.getName() + ".pending";

    private final EventChain chain;
    private final EventStore eventStore;
    private final Map<String, Link> committed = new ConcurrentHashMap<>();

    public EventChainInterceptor(EventChain chain, EventStore eventStore) {
        this.chain = chain;
        this.eventStore = eventStore;
    }

    private record Link(long sequenceNumber, String hash) {
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> event ? stamp(event) : message;
    }

    private EventMessage<?> stamp(DomainEventMessage<?> event) {
        Map<String, Link> pending = pendingLinks();
        String previous = previousHash(event, pending);
        String hash = chain.hash(previous, event);
        pending.put(event.getAggregateIdentifier(), new Link(event.getSequenceNumber(), hash));
        return event.andMetaData(Map.of(EventChain.METADATA_KEY, hash));
    }

    private String previousHash(DomainEventMessage<?> event, Map<String, Link> pending) {
        long wanted = event.getSequenceNumber() - 1;
        if (wanted < 0) {
            return EventChain.GENESIS;
        }
        Link link = pending.get(event.getAggregateIdentifier());
        if (link == null || link.sequenceNumber() != wanted) {
            link = committed.get(event.getAggregateIdentifier());
        }
        if (link != null && link.sequenceNumber() == wanted) {
            return link.hash();
        }
        var stored = eventStore.readEvents(event.getAggregateIdentifier(), wanted);
        if (stored.hasNext()) {
            Object hash = stored.next().getMetaData().get(EventChain.METADATA_KEY);
            if (hash != null) {
                return hash.toString();
            }
        }
        return EventChain.GENESIS;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Link> pendingLinks() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return (Map<String, Link>) unitOfWork.resources().computeIfAbsent(PENDING, key -> {
            Map<String, Link> links = new HashMap<>();
            unitOfWork.afterCommit(u -> committed.putAll(links));
            return links;
        });
    }
}
