package com.agentbattles.api.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;

/**
 * The log as the event processors stream it: from the storage engine, one read shared by the
 * streams at the same position ({@link SharedLogReader}), each stream woken
 * by {@link AppendNotifications} (see {@link NotifiedEventStream}). Tokens are the storage
 * engine's, so processors keep the tokens they stored with the embedded event store.
 */
public final class NotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final SharedLogReader log;
    private final AppendNotifications notifications;
    private final int batchSize;
    private final Duration minReadInterval;

    /** @param minReadInterval how far apart a stream reads at most while appends keep coming */
    public NotifiedEventSource(EventStorageEngine storage, AppendNotifications notifications, int batchSize,
                               Duration minReadInterval) {
        this.storage = storage;
        this.log = new SharedLogReader(storage, batchSize);
        this.notifications = notifications;
        this.batchSize = batchSize;
        this.minReadInterval = minReadInterval;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifiedEventStream(log, trackingToken, notifications, batchSize,
                AppendNotifications.POLL_INTERVAL.toNanos(), minReadInterval.toNanos());
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }
}
