package com.agentbattles.api.eventstore;

import com.agentbattles.api.config.AxonStorageConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon issue 4829 on our JDBC event store: several writers append at once while one transaction
 * holds an earlier position open; the writers' events carry timestamps older than Axon's default
 * 60 s gap timeout, as the events of a transaction that took that long to commit do (the
 * timestamp is taken when the command is handled, before the commit, on that node's clock). The
 * processors' reader reads past the hole, then the slow transaction commits. With the engine as
 * this server builds it the late event is read; with Axon's defaults it is skipped for ever (the
 * second test shows that the scenario is the one that loses events).
 */
class LateCommittedEventTest {

    private static final int WRITERS = 4;
    private static final int EVENTS_PER_WRITER = 150;

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void startDatabase() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        String schema = new String(LateCommittedEventTest.class.getResourceAsStream("/db/migration/V1__axon_event_store.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(schema);
        }
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyLog() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry");
        }
    }

    @Test
    void anEventCommittedLongAfterLaterOnesIsStillRead() throws Exception {
        Set<String> read = readWhileASlowTransactionHoldsAGap(AxonStorageConfig::neverSkipLateCommits);
        assertThat(read).contains("held-open").hasSize(WRITERS * EVENTS_PER_WRITER + 1);
    }

    @Test
    void axonsDefaultGapTimeoutSkipsIt() throws Exception {
        Set<String> read = readWhileASlowTransactionHoldsAGap(UnaryOperator.identity());
        // (a writer's own in-flight position, stamped as old, may be dropped too: the same bug)
        assertThat(read).doesNotContain("held-open");
    }

    /** The payloads a tracking reader saw, reading as a processor does (from its last token, again and again). */
    private Set<String> readWhileASlowTransactionHoldsAGap(UnaryOperator<JdbcEventStorageEngine.Builder> gapHandling)
            throws Exception {
        JdbcEventStorageEngine engine = engine(gapHandling);
        Set<String> read = new HashSet<>();
        TrackingToken[] token = {null};
        Instant stampedBeforeTheirSlowCommit = Instant.now().minusSeconds(90);

        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, "held-open", Instant.now()); // takes the next position, not yet visible
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> appends = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    int w = writer;
                    appends.add(writers.submit(() -> {
                        try (Connection connection = dataSource.getConnection()) {
                            for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                                insert(connection, "writer-" + w + "-" + i, stampedBeforeTheirSlowCommit);
                            }
                        }
                        return null;
                    }));
                }
                while (!appends.stream().allMatch(Future::isDone)) { // the reader reads while they append
                    readToHead(engine, token, read);
                }
                for (Future<?> append : appends) {
                    append.get();
                }
            } finally {
                writers.shutdownNow();
            }
            readToHead(engine, token, read);
            slow.commit();
        }
        readToHead(engine, token, read);
        return read;
    }

    private static void readToHead(JdbcEventStorageEngine engine, TrackingToken[] token, Set<String> read) {
        boolean more = true;
        while (more) {
            more = false;
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token[0], false)) {
                for (TrackedEventMessage<?> event : events.toList()) {
                    read.add((String) event.getPayload());
                    token[0] = event.trackingToken();
                    more = true;
                }
            }
        }
    }

    private static JdbcEventStorageEngine engine(UnaryOperator<JdbcEventStorageEngine.Builder> gapHandling) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return gapHandling.apply(JdbcEventStorageEngine.builder())
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonStorageConfig().eventSchema())
                .batchSize(100)
                .build();
    }

    /** One event row as the engine writes it, in the connection's transaction. */
    private static void insert(Connection connection, String payload, Instant stamped) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'GapProbe', ?, 'java.lang.String', NULL, ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, payload);
            insert.setString(3, stamped.toString());
            insert.setBytes(4, ("\"" + payload + "\"").getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
