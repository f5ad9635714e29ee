package com.agentbattles.api.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One processor's stream of the log, read in batches ({@link SharedLogReader}: one read serves
 * every stream of the node at the same position) and only when
 * {@link AppendNotifications} says something was appended (or, as a safety net, when the last
 * read is older than the poll interval). Unlike the embedded event store's streams it supports
 * Axon's availability callback, so a pooled processor's coordinator is woken by an append instead
 * of looking again 500 ms later. The gap-aware tokens of the JDBC engine work as before: an
 * event committed late under a lower index notifies at its commit too, and the next read asks for
 * the gaps.
 *
 * <p>While appends come faster than {@code minReadNanos} apart the stream gathers them
 * into one read a moment later instead of reading after each commit: nine processors chasing
 * every commit of a client stepping a battle one request at a time took the CPU that request
 * needed (docs/benchmarks.md). The first append after a quiet spell is read at once, and a full
 * batch is followed by the next one at once (a processor catching up is never slowed).
 *
 * <p>Consumed by one thread (the coordinator); only {@link #appended()} comes from another.
 */
final class NotifiedEventStream implements BlockingStream<TrackedEventMessage<?>> {

    private static final Logger logger = LoggerFactory.getLogger(NotifiedEventStream.class);

    private final SharedLogReader log;
    private final AppendNotifications notifications;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private boolean moreWaiting;
    private final int batchSize;
    private final long pollNanos;
    private final long minReadNanos;
    private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
    private final AtomicBoolean appended = new AtomicBoolean(true); // read once at the start
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final AutoCloseable subscription;
    private volatile Runnable onAvailable = () -> {
    };
    private TrackingToken lastToken;
    private long lastRead;

    NotifiedEventStream(SharedLogReader log, TrackingToken from, AppendNotifications notifications,
                        int batchSize, long pollNanos, long minReadNanos) {
        this.log = log;
        this.notifications = notifications;
        this.lastToken = from;
        this.batchSize = batchSize;
        this.pollNanos = pollNanos;
        this.minReadNanos = minReadNanos;
        this.lastRead = System.nanoTime() - pollNanos; // the first look reads
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
                wakeUp.awaitNanos(Math.min(left, appended.get() ? minReadNanos : pollNanos));
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
        long sinceLastRead = System.nanoTime() - lastRead;
        if (!appended.get() && sinceLastRead < pollNanos) {
            return false;
        }
        if (!moreWaiting && sinceLastRead < minReadNanos) {
            wakeUpLater(minReadNanos - sinceLastRead);
            return false;
        }
        appended.set(false);
        lastRead = System.nanoTime();
        try {
            for (TrackedEventMessage<?> event : log.after(lastToken)) {
                buffer.add(event);
                lastToken = event.trackingToken();
            }
        } catch (RuntimeException e) {
            appended.set(true); // read again next time
            throw e;
        }
        moreWaiting = buffer.size() >= batchSize;
        if (moreWaiting) {
            appended.set(true);
        }
        return !buffer.isEmpty();
    }

    /** Appends gathered for a read soon: the coordinator is called back then, once. */
    private void wakeUpLater(long delayNanos) {
        if (wakeUpPending.compareAndSet(false, true)) {
            notifications.later(() -> {
                wakeUpPending.set(false);
                onAvailable.run();
            }, delayNanos);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            logger.debug("closing the append subscription", e);
        }
    }
}
