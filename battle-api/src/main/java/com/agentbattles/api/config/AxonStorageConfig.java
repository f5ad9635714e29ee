package com.agentbattles.api.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points Axon's JDBC storage at the snake_case tables Flyway creates (V1__axon_event_store.sql).
 * Axon's own defaults are camelCase columns it would expect us to create its way.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfig {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** Events read per query when a processor streams the log. */
    static final int READ_BATCH_SIZE = 1_000;

    /**
     * Axon's JDBC engine as its auto-configuration builds it, except that a streaming processor
     * reads {@value #READ_BATCH_SIZE} events per query instead of 100 (a projection replaying a
     * long log, docs/benchmarks.md, otherwise spends much of its time on round trips), and that
     * an event committed late is never skipped ({@link #neverSkipLateCommits}).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return neverSkipLateCommits(JdbcEventStorageEngine.builder())
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(READ_BATCH_SIZE)
                .build();
    }

    /**
     * How far (in global positions) an event may commit behind a later one and still be read:
     * a transaction holding its position open while {@value} others commit after it is given up
     * on. At the peak append rates of docs/benchmarks.md that is minutes.
     */
    public static final int MAX_GAP_OFFSET = 100_000;

    /**
     * Gap handling that never drops a gap because of an event's timestamp (Axon issue 4829).
     * A position is taken from the sequence at INSERT and becomes visible at COMMIT, so a reader
     * sees {@code n+1} while {@code n} is still a hole that fills later. Axon's JDBC engine records
     * that hole only if the visible event's own timestamp is younger than {@code gapTimeout}
     * (default 60 s), and its gap cleaning drops holes below an event older than that; the
     * timestamp is set when the command is handled, before the commit, on whichever node's clock,
     * so a slow transaction (a long historical step, a paused JVM, a lock wait, a skewed clock
     * between nodes) made the reader step over a hole that then filled, and that event was never
     * read. A timeout of ~24 days turns both shortcuts off: every hole is kept until it fills or
     * falls {@link #MAX_GAP_OFFSET} positions behind. Holes that never fill (a rolled-back
     * append, e.g. a concurrency conflict) stay listed until then, which only lengthens the
     * reader's {@code IN (...)} list by a few entries.
     */
    public static JdbcEventStorageEngine.Builder neverSkipLateCommits(JdbcEventStorageEngine.Builder builder) {
        return builder.gapTimeout(Integer.MAX_VALUE).maxGapOffset(MAX_GAP_OFFSET);
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
