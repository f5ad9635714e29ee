package com.agentbattles.api.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes for REST clients. Projections run asynchronously; after a command, a
 * controller that answers from a read model first waits here until every projection on this
 * node has processed the log up to its current head, so a client never reads its own change as
 * missing (and a regenerated key is refused from the moment the response arrives).
 */
@Component
public class ReadModelBarrier {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /**
     * How long a processor in error is waited for. Two processes may send commands to the same
     * agents at the same moment (the engagement process and the wallet custody saga both reach
     * every participant when a battle starts or ends). A command sent from an event handler holds
     * its aggregate's lock until the handler's batch commits, so Axon may detect a deadlock and
     * fail one batch, which its processor retries about a second later. Waiting that out keeps
     * read-your-writes true; a processor stuck in error for longer is passed over, so it cannot
     * block every request.
     */
    private static final Duration ERROR_PATIENCE = Duration.ofSeconds(4);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    public ReadModelBarrier(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** Waits until every streaming projection has caught up with the log's current head. */
    public void awaitProjections() {
        awaitProjections(DEADLINE);
    }

    /** As {@link #awaitProjections()}, with a deadline fit for long replays. */
    public void awaitProjections(Duration timeout) {
        long target = headPosition();
        if (target < 0) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!caughtUp(target, System.nanoTime() - started < ERROR_PATIENCE.toNanos())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up with position " + target + " within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    /** The global position of the newest event in the log, or −1 for an empty log. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** Whether every streaming projection on this node has processed the log up to {@code target}. */
    public boolean caughtUp(long target) {
        return caughtUp(target, false);
    }

    /** @param waitOnErrors whether a processor in error (retrying) still counts as behind */
    private boolean caughtUp(long target, boolean waitOnErrors) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> caughtUp(processor, target, waitOnErrors));
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long target, boolean waitOnErrors) {
        if (!processor.isRunning()) {
            return true; // a stopped projection will not move; waiting would only time out
        }
        var statuses = processor.processingStatus().values();
        if (statuses.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus status : statuses) {
            if (status.isErrorState() && !waitOnErrors) {
                return true; // it retries on its own; its error is logged and visible in health
            }
            if (status.getCurrentPosition().orElse(-1) < target) {
                return false;
            }
        }
        return true;
    }
}
