package com.agentbattles.api.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One processor's stream of the log, read from the storage engine in batches and only when
 * {@link AppendNotifications} says something was appended (or, as a safety net, when the last
 * read is older than the poll interval). Unlike the embedded event store's streams it supports
 * Axon's availability callback, so a pooled processor's coordinator is woken by an append instead
 * of looking again 500 ms later. The gap-aware tokens of the JDBC engine work as before: an
 * event committed late under a lower index notifies at its commit too, and the next read asks for
 * the gaps.
 *
 * <p>Consumed by one thread (the coordinator); only {@link #appended()} comes from another.
 */
final class NotifiedEventStream implements BlockingStream<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(NotifiedEventStream.class);

    private final EventStorageEngine storage;
    private final int batchSize;
    private final long pollNanos;
    private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
    private final AtomicBoolean appended = new AtomicBoolean(true); // read once at the start
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final AutoCloseable subscription;
    private volatile Runnable onAvailable = () -> {
    };
    private TrackingToken lastToken;
    private long lastRead;

    NotifiedEventStream(EventStorageEngine storage, TrackingToken from, AppendNotifications notifications,
                        int batchSize, long pollNanos) {
        this.storage = storage;
        this.lastToken = from;
        this.batchSize = batchSize;
        this.pollNanos = pollNanos;
        this.lastRead = System.nanoTime();
        this.subscription = notifications.subscribe(this::appended);
    }

    /** Something was appended: the next look reads the log, and whoever waits is woken. */
    void appended() {
        appended.set(true);
        lock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
        onAvailable.run();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        onAvailable = callback;
        return true;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        if (buffer.isEmpty()) {
            read();
        }
        return Optional.ofNullable(buffer.peek());
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (buffer.isEmpty() && !read()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            lock.lock();
            try {
                if (!appended.get()) {
                    wakeUp.awaitNanos(Math.min(left, pollNanos));
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
            // waits for the next append
        }
        return buffer.poll();
    }

    /** Reads the next batch if something was appended or the last read is stale; whether events are buffered. */
    private boolean read() {
        boolean signalled = appended.getAndSet(false);
        if (!signalled && System.nanoTime() - lastRead < pollNanos) {
            return false;
        }
        lastRead = System.nanoTime();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(lastToken, false)) {
            events.limit(batchSize).forEachOrdered(event -> {
                buffer.add(event);
                lastToken = event.trackingToken();
            });
        } catch (RuntimeException e) {
            appended.set(true); // read again next time
            throw e;
        }
        if (buffer.size() >= batchSize) {
            appended.set(true); // a full batch: more is waiting
        }
        return !buffer.isEmpty();
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("closing the append subscription", e);
        }
    }
}
