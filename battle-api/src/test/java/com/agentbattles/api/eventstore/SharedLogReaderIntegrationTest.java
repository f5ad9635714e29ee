package com.agentbattles.api.eventstore;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.domain.account.AccountMessages.AccountRegistered;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node's streams share reads of the real log on the test's PostgreSQL: streams that ask from
 * the same position get the same events from one query, and no stream misses an append because
 * an earlier read found nothing.
 */
class SharedLogReaderIntegrationTest extends IntegrationTest {

    @Autowired
    EventStorageEngine storage;

    private final AtomicInteger logReads = new AtomicInteger();

    @Test
    void elevenStreamsAtTheSamePositionReadTheLogOnceAndGetTheSameEvents() throws Exception {
        SharedLogReader reader = new SharedLogReader(countingReads(storage), 1000);
        TrackingToken head = storage.createHeadToken();
        register("shared-read");
        List<TrackedEventMessage<?>> first = followUntilRegistered(reader, head, "shared-read");
        int readsForOneStream = logReads.get();

        ExecutorService streams = Executors.newFixedThreadPool(10);
        try {
            List<Future<List<String>>> others = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                others.add(streams.submit((Callable<List<String>>) () -> identifiers(follow(reader, head, first.size()))));
            }
            for (Future<List<String>> other : others) {
                assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(identifiers(first));
            }
        } finally {
            streams.shutdownNow();
        }
        assertThat(logReads.get()).as("reads of the log by the ten streams after the first").isEqualTo(readsForOneStream);
    }

    @Test
    void aStreamThatFoundNothingSeesTheNextAppend() {
        SharedLogReader reader = new SharedLogReader(countingReads(storage), 1000);
        TrackingToken head = storage.createHeadToken();
        reader.after(head); // most likely nothing yet: that answer must not be kept
        register("appended-later");
        followUntilRegistered(reader, head, "appended-later");
    }

    /** Reads on from {@code from}, batch after batch, until the account's registration has been read. */
    private static List<TrackedEventMessage<?>> followUntilRegistered(SharedLogReader reader, TrackingToken from,
                                                                    String displayName) {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        TrackingToken[] position = {from};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (TrackedEventMessage<?> event : reader.after(position[0])) {
                read.add(event);
                position[0] = event.trackingToken();
            }
            return read.stream().anyMatch(event -> event.getPayload() instanceof AccountRegistered registered
                    && registered.displayName().equals(displayName));
        });
        return read;
    }

    private static List<TrackedEventMessage<?>> follow(SharedLogReader reader, TrackingToken from, int events) {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        TrackingToken position = from;
        while (read.size() < events) {
            List<TrackedEventMessage<?>> batch = reader.after(position);
            assertThat(batch).as("a batch already read once").isNotEmpty();
            for (TrackedEventMessage<?> event : batch) {
                read.add(event);
                position = event.trackingToken();
            }
        }
        return read.subList(0, events);
    }

    private static List<String> identifiers(List<TrackedEventMessage<?>> events) {
        return events.stream().map(TrackedEventMessage::getIdentifier).toList();
    }

    /** The real storage engine, counting its streaming reads (what the shared reader saves). */
    private EventStorageEngine countingReads(EventStorageEngine real) {
        return (EventStorageEngine) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{EventStorageEngine.class}, (proxy, method, args) -> {
                    if (method.getName().equals("readEvents") && args != null && args.length == 2
                            && (args[0] == null || args[0] instanceof TrackingToken)) {
                        logReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
