package com.agentbattles.query.support;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projections driven the way the server drives them: a real Axon configuration assigns them to
 * processors by their {@code @ProcessingGroup}, streaming processors deliver the events of an
 * event store in batches of up to 200 (as in the server), each batch in one transaction on the
 * shared {@link ReadModelDatabase} with its {@code BatchWrites} flushed before the commit, and a
 * reset runs the reset handlers of every projection of a processor. Only the event store is in
 * memory: the projections never read it.
 *
 * <p>The processors are tracking ones where the server runs pooled ones: both hand a projection
 * the same batched unit of work, but the pooled coordinator looks for new events only every
 * 500 ms, which would make every wait here cost that much.
 *
 * <p>A handler that throws fails the test at the next wait, with its exception.
 */
public final class ProjectionFixture implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Where the events' timestamps start; each event is one second after the one before. */
    public static final Instant FIRST_EVENT_AT = Instant.parse("2025-03-01T12:00:00Z");

    private final Configuration axon;
    private final List<Exception> failures = new CopyOnWriteArrayList<>();
    private int published;

    private ProjectionFixture(List<Object> projections) {
        ReadModelDatabase.clear();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ReadModelDatabase.dataSource());
        ListenerInvocationErrorHandler recordAndFail = (exception, event, handler) -> {
            failures.add(exception);
            throw exception;
        };
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(new InMemoryEventStorageEngine())
                        .fetchDelay(5) // how long its reader may sleep before it looks for new events (ms)
                        .build())
                .configureTransactionManager(c -> new SpringTransactionManager(transactions));
        configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(
                        // a short wait for events lets a stopping processor notice the stop at once
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(200)
                                .andEventAvailabilityTimeout(10, TimeUnit.MILLISECONDS))
                .registerTokenStore(c -> new InMemoryTokenStore())
                .registerDefaultListenerInvocationErrorHandler(c -> recordAndFail);
        for (Object projection : projections) {
            configurer.eventProcessing().registerEventHandler(c -> projection);
        }
        axon = configurer.start();
    }

    /** Starts the processors of these projections on an emptied read side. */
    public static ProjectionFixture of(Object... projections) {
        return new ProjectionFixture(List.of(projections));
    }

    public static JdbcClient jdbc() {
        return JdbcClient.create(ReadModelDatabase.dataSource());
    }

    public static JdbcTemplate jdbcTemplate() {
        return new JdbcTemplate(ReadModelDatabase.dataSource());
    }

    /** The processors the projections were assigned to, by name. */
    public List<String> processors() {
        return List.copyOf(new TreeMap<>(axon.eventProcessingConfiguration().eventProcessors()).keySet());
    }

    /**
     * Appends the events to the log one at a time and waits for each to be projected, so that
     * every event is a processor batch of its own (as most are on a live server).
     */
    public ProjectionFixture given(Object... events) {
        for (Object event : events) {
            append(List.of(event));
            awaitProjected();
        }
        return this;
    }

    /**
     * Appends the events to the log while the processors are stopped, then lets them go on, so
     * that the events reach the projections as one batch (up to 200).
     */
    public ProjectionFixture givenInOneBatch(Object... events) {
        processorsByName().values().forEach(StreamingEventProcessor::shutDown);
        append(List.of(events));
        processorsByName().values().forEach(StreamingEventProcessor::start);
        awaitProjected();
        return this;
    }

    /**
     * Stops the processors and resets their tokens, as a rebuild does: every reset handler of
     * every projection in their groups runs. The processors stay stopped.
     */
    public void reset() {
        for (StreamingEventProcessor processor : processorsByName().values()) {
            processor.shutDown();
            processor.resetTokens();
        }
    }

    /**
     * Resets, then lets the processors replay the whole log and waits for them. The log is read
     * in batches of up to 200, so a test's events come back as one batch however they were fed.
     */
    public void replay() {
        reset();
        processorsByName().values().forEach(StreamingEventProcessor::start);
        awaitProjected();
    }

    /**
     * Replays the log and checks that every row of every read-model table comes back as it
     * was, and that there was something to reproduce. Fed with {@link #given} first, this also
     * shows that one batch of the events writes what one batch per event wrote.
     */
    public void assertReplayReproducesEveryRow() {
        Map<String, List<String>> before = rows();
        assertThat(before.values()).as("rows before the replay").anyMatch(rows -> !rows.isEmpty());
        replay();
        assertThat(rows()).isEqualTo(before);
    }

    /** Every read-model table → its rows as PostgreSQL's text of the row, sorted. */
    public Map<String, List<String>> rows() {
        JdbcClient jdbc = jdbc();
        Map<String, List<String>> all = new TreeMap<>();
        for (String table : ReadModelDatabase.tables(jdbc)) {
            all.put(table, rows(table));
        }
        return all;
    }

    /** One table's rows as PostgreSQL's text of the row, sorted. */
    public List<String> rows(String table) {
        List<String> rows = new ArrayList<>(jdbc().sql("SELECT t::text FROM " + table + " t").query(String.class).list());
        Collections.sort(rows);
        return rows;
    }

    public long count(String table) {
        return jdbc().sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** Waits until every processor has projected the log up to its head, failing on a handler's exception. */
    public void awaitProjected() {
        EventStore eventStore = axon.eventStore();
        var headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!caughtUp(head)) {
            if (!failures.isEmpty()) {
                throw new AssertionError("a projection failed on an event", failures.get(0));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the projections did not reach position " + head + " within " + DEADLINE);
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a projection failed on an event", failures.get(0));
        }
    }

    @Override
    public void close() {
        axon.shutdown();
    }

    private void append(List<Object> payloads) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            Instant at = FIRST_EVENT_AT.plusSeconds(published++);
            String battleId = battleIdOf(payload);
            String id = IdentifierFactory.getInstance().generateIdentifier();
            if (battleId == null) {
                messages.add(new GenericEventMessage<>(id, payload, MetaData.emptyInstance(), at));
            } else {
                // as the store hands them over: a battle's events are domain events numbered in its stream
                long sequence = battleSequences.merge(battleId, 0L, (last, zero) -> last + 1);
                messages.add(new org.axonframework.eventhandling.GenericDomainEventMessage<>("Battle", battleId,
                        sequence, payload, MetaData.emptyInstance(), id, at));
            }
        }
        axon.eventStore().publish(messages);
    }

    private final java.util.Map<String, Long> battleSequences = new java.util.HashMap<>();

    private static String battleIdOf(Object payload) {
        try {
            return (String) payload.getClass().getMethod("battleId").invoke(payload);
        } catch (ReflectiveOperationException | ClassCastException notABattleEvent) {
            return null;
        }
    }

    private boolean caughtUp(long head) {
        for (StreamingEventProcessor processor : processorsByName().values()) {
            var statuses = processor.processingStatus().values();
            if (!processor.isRunning() || statuses.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus status : statuses) {
                if (processed(status) < head) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The position of the last event the processor committed, from its token: its status's
     * current position will not do, since a processor that starts on a log with events
     * "replays" it and reports the position it replays up to before it has handled anything.
     */
    private static long processed(EventTrackerStatus status) {
        TrackingToken token = status.getTrackingToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    private Map<String, StreamingEventProcessor> processorsByName() {
        Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
        axon.eventProcessingConfiguration().eventProcessors().forEach((name, processor) ->
                streaming.put(name, (StreamingEventProcessor) processor));
        return streaming;
    }
}
