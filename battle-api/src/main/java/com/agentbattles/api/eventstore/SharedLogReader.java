package com.agentbattles.api.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One read of the log for every stream of this node that asks from the same position. Each
 * append wakes every processor's stream (eleven on a node), and each used to read the one new
 * event with a query of its own; profiled, those readers took a fifth of the CPU of an agent
 * trading alone (docs/benchmarks.md). Streams at the head all hold the same token (they read the
 * same batches), so the batch read after a token is kept for the next stream that asks after it.
 *
 * <p>Serving a batch read earlier is what that stream would have read had it asked then: the
 * JDBC engine's gap-aware tokens keep any gap the batch left, so an event committed late into a
 * gap is still read after it. An empty read is never kept (the next append must be seen), and a
 * stream catching up from elsewhere in the log reads on its own, at once, without waiting for
 * anybody.
 */
final class SharedLogReader {

    /** Recent batches kept: streams at the head pass a position within a few appends of each other, and a batch of a catching-up read holds up to the batch size of events, so few are kept. */
    private static final int KEPT_BATCHES = 16;

    private final EventStorageEngine storage;
    private final int batchSize;
    private final Map<TrackingToken, List<TrackedEventMessage<?>>> readAfter = new LinkedHashMap<>(128, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TrackingToken, List<TrackedEventMessage<?>>> eldest) {
            return size() > KEPT_BATCHES;
        }
    };
    private final Map<TrackingToken, Object> readingAfter = new ConcurrentHashMap<>();

    SharedLogReader(EventStorageEngine storage, int batchSize) {
        this.storage = storage;
        this.batchSize = batchSize;
    }

    /** The next batch after {@code token} (null: from the start of the log), at most the batch size. */
    List<TrackedEventMessage<?>> after(TrackingToken token) {
        if (token == null) {
            return read(null);
        }
        List<TrackedEventMessage<?>> kept = kept(token);
        if (kept != null) {
            return kept;
        }
        // streams woken by the same append ask at once: the first reads, the others take its batch
        Object reading = readingAfter.computeIfAbsent(token, t -> new Object());
        try {
            synchronized (reading) {
                kept = kept(token);
                if (kept != null) {
                    return kept;
                }
                List<TrackedEventMessage<?>> batch = read(token);
                if (!batch.isEmpty()) {
                    synchronized (readAfter) {
                        readAfter.put(token, batch);
                    }
                }
                return batch;
            }
        } finally {
            readingAfter.remove(token, reading);
        }
    }

    private List<TrackedEventMessage<?>> kept(TrackingToken token) {
        synchronized (readAfter) {
            return readAfter.get(token);
        }
    }

    private List<TrackedEventMessage<?>> read(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
            return List.copyOf(events.limit(batchSize).toList());
        }
    }
}
