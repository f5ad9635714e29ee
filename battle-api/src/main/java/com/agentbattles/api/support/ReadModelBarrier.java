package com.agentbattles.api.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes for REST clients. Projections run asynchronously; a controller that answers
 * from a read model first waits here, so a client never reads its own change as missing (and a
 * regenerated key is refused from the moment the response arrives). Two ways to wait:
 * <ul>
 *   <li>{@link #awaitAggregates}: only the processing groups that serve the answer, and only up to
 *   the last event of the aggregates the answer is about (the caller's own writes are among them),
 *   looked up in the log by aggregate, so it holds across nodes and ignores everybody else's
 *   writes;</li>
 *   <li>{@link #awaitProjections()}: every processor, up to the log's head, for answers that span
 *   the whole of the read models.</li>
 * </ul>
 * A processor has an event when its token is past the event's position and the event is not one
 * of the token's gaps (committed late, not read yet). The position comes from the token itself,
 * not the processor's reported status, since a processor that starts replaying a log reports the
 * replay's end as its position before it has handled anything.
 * <p>
 * With several nodes a processor's segments may be held elsewhere. The segments this node holds
 * are judged from its own processor, in memory (on one node that is every segment, and nothing
 * else is read); the others from their tokens in {@code token_entry} ({@link SharedTokens}),
 * which another node commits together with its projection's writes. The shared tokens are read
 * at most every {@link #SHARED_POLL} while waiting.
 */
@Component
public class ReadModelBarrier {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** How often a waiting request looks at the processors' tokens again (reading them is cheap). */
    private static final long POLL_NANOS = Duration.ofMillis(1).toNanos() / 4;
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
    /** How often a waiting request reads the tokens of segments other nodes hold (a query each time). */
    static final Duration SHARED_POLL = Duration.ofMillis(2);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final SharedTokens sharedTokens;

    public ReadModelBarrier(EventStore eventStore, EventProcessingConfiguration processing, JdbcClient jdbc,
                            SharedTokens sharedTokens) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.jdbc = jdbc;
        this.sharedTokens = sharedTokens;
    }

    /**
     * Waits until the processors of {@code groups} have handled every event recorded so far for
     * {@code aggregateIds} (null ids are skipped; an aggregate without events needs no wait).
     */
    public void awaitAggregates(Collection<String> groups, String... aggregateIds) {
        long target = -1;
        for (String aggregateId : aggregateIds) {
            if (aggregateId != null) {
                target = Math.max(target, lastPosition(aggregateId));
            }
        }
        await(target, groups, DEADLINE);
    }

    /** The global position of the aggregate's newest event, or −1 when it has none. */
    public long lastPosition(String aggregateId) {
        return jdbc.sql("""
                        SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                        ORDER BY sequence_number DESC LIMIT 1""")
                .param(aggregateId).query(Long.class).optional().orElse(-1L);
    }

    /** Waits until every streaming projection has caught up with the log's current head. */
    public void awaitProjections() {
        awaitProjections(DEADLINE);
    }

    /** As {@link #awaitProjections()}, with a deadline fit for long replays. */
    public void awaitProjections(Duration timeout) {
        await(headPosition(), null, timeout);
    }

    /** @param groups the processing groups to wait for, or null for every streaming processor */
    private void await(long target, Collection<String> groups, Duration timeout) {
        if (target < 0) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Round round = new Round();
        boolean patient = true;
        while (!caughtUp(target, groups, patient, round)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections " + (groups == null ? "" : groups + " ")
                        + "did not catch up with position " + target + " within " + timeout);
            }
            LockSupport.parkNanos(round.readShared ? SHARED_POLL.toNanos() : POLL_NANOS);
            round.readShared = false;
            patient = System.nanoTime() - started < ERROR_PATIENCE.toNanos();
            round.passOverShared = !patient;
        }
    }

    /** One look at the processors: whether other nodes' segments may be passed over, and whether it read them. */
    private static final class Round {
        boolean passOverShared;
        boolean readShared;
    }

    /** The global position of the newest event in the log, or −1 for an empty log. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** Whether every streaming projection on this node has processed the log up to {@code target}. */
    public boolean caughtUp(long target) {
        return caughtUp(target, null, false, new Round());
    }

    /** @param waitOnErrors whether a processor in error (retrying) still counts as behind */
    private boolean caughtUp(long target, Collection<String> groups, boolean waitOnErrors, Round round) {
        if (groups == null) {
            return processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .allMatch(processor -> caughtUp(processor, target, waitOnErrors, round));
        }
        for (String group : groups) {
            var processor = processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class);
            if (processor.isPresent() && !caughtUp(processor.get(), target, waitOnErrors, round)) {
                return false;
            }
        }
        return true;
    }

    private boolean caughtUp(StreamingEventProcessor processor, long target, boolean waitOnErrors, Round round) {
        if (!processor.isRunning()) {
            return true; // a stopped projection will not move; waiting would only time out
        }
        Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
        for (EventTrackerStatus status : statuses.values()) {
            if (status.isErrorState() && !waitOnErrors) {
                return true; // it retries on its own; its error is logged and visible in health
            }
            if (!handled(status.getTrackingToken(), target)) {
                return false;
            }
        }
        if (coversEverySegment(statuses.values())) {
            return true; // this node holds the whole processor (always so on one node)
        }
        if (round.passOverShared) {
            // past the patience another node's segments are passed over like a local one in error:
            // from here its state cannot be told from a slow one's
            return true;
        }
        round.readShared = true;
        return sharedTokens.handled(processor.getName(), statuses.keySet(), target);
    }

    /** Whether these segments together are the whole of the processor's events (their shares add up to one). */
    static boolean coversEverySegment(Collection<EventTrackerStatus> statuses) {
        long whole = 1L << 32;
        long covered = 0;
        for (EventTrackerStatus status : statuses) {
            covered += whole / ((status.getSegment().getMask() & 0xFFFFFFFFL) + 1);
        }
        return covered >= whole;
    }

    /** Whether a processor whose token is {@code token} has handled the event at {@code position}. */
    static boolean handled(TrackingToken token, long position) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (reached == null) {
            return false;
        }
        if (reached instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return reached.position().orElse(-1) >= position;
    }
}
