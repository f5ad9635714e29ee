package com.agentbattles.api.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Walks an aggregate's stored events and checks every link of its hash chain. */
@Component
public class EventChainVerifier {

    private final EventStore eventStore;
    private final EventChain chain;

    public EventChainVerifier(EventStore eventStore, EventChain chain) {
        this.eventStore = eventStore;
        this.chain = chain;
    }

    /**
     * @param firstBrokenSequence the first event whose link does not hold, or null when all do
     * @param headHash            the last event's recorded hash: a digest of the whole history
     */
    public record ChainReport(String aggregateId, long eventCount, boolean intact, Long firstBrokenSequence,
                              String problem, String headHash) {
    }

    public ChainReport verify(String aggregateId) {
        return verify(aggregateId, eventStore.readEvents(aggregateId, 0));
    }

    /** Checks events already read from the store, in stream order. */
    public ChainReport verify(String aggregateId, java.util.Iterator<? extends DomainEventMessage<?>> events) {
        String previous = EventChain.GENESIS;
        long expectedSequence = 0;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() != expectedSequence) {
                return broken(aggregateId, expectedSequence, expectedSequence,
                        "event " + expectedSequence + " is missing (next stored is " + event.getSequenceNumber() + ")");
            }
            Object recorded = event.getMetaData().get(EventChain.METADATA_KEY);
            String recomputed = chain.hash(previous, event);
            if (recorded == null) {
                return broken(aggregateId, expectedSequence + 1, expectedSequence, "event has no chain hash");
            }
            if (!recomputed.equals(recorded.toString())) {
                return broken(aggregateId, expectedSequence + 1, expectedSequence,
                        "event content does not match its recorded hash (altered, or an earlier event was)");
            }
            previous = recomputed;
            expectedSequence++;
        }
        return new ChainReport(aggregateId, expectedSequence, true, null, null, previous);
    }

    private static ChainReport broken(String aggregateId, long count, long sequence, String problem) {
        return new ChainReport(aggregateId, count, false, sequence, problem, null);
    }
}
