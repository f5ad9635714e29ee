package com.agentbattles.api.support;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The barrier of a node that holds none, or some, of a processor's segments: it judges the
 * others by the tokens another node's processor stores in {@code token_entry}, written here
 * through Axon's own JDBC token store under another owner.
 */
class SharedTokensBarrierTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Serializer serializer;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;
    @Autowired
    TokenSchema tokenSchema;

    private final String processorName = "other-node-projection-" + UUID.randomUUID();

    @Test
    void aNodeHoldingNoSegmentSeesWhatAnotherNodesProcessorHasHandled() {
        JdbcTokenStore nodeB = otherNode();
        transactions.executeInTransaction(() -> {
            nodeB.initializeTokenSegments(processorName, 2);
            nodeB.storeToken(GapAwareTrackingToken.newInstance(5, Set.of()), processorName, 0);
            nodeB.storeToken(GapAwareTrackingToken.newInstance(9, Set.of()), processorName, 1);
        });
        ReadModelBarrier barrier = barrierOver(processor(Map.of()));

        assertThat(barrier.caughtUp(5)).isTrue();
        assertThat(barrier.caughtUp(6)).isFalse(); // segment 0 has not got there yet

        transactions.executeInTransaction(() ->
                nodeB.storeToken(GapAwareTrackingToken.newInstance(12, Set.of()), processorName, 0));
        assertThat(barrier.caughtUp(6)).isTrue();
        assertThat(barrier.caughtUp(10)).isFalse(); // now segment 1 is the one behind
    }

    @Test
    void theSegmentsThisNodeHoldsAreJudgedFromItsOwnProcessorAndTheOthersFromTheSharedTokens() {
        JdbcTokenStore nodeB = otherNode();
        transactions.executeInTransaction(() -> {
            nodeB.initializeTokenSegments(processorName, 2);
            nodeB.storeToken(GapAwareTrackingToken.newInstance(3, Set.of()), processorName, 0); // stale: ours now
            nodeB.storeToken(GapAwareTrackingToken.newInstance(20, Set.of()), processorName, 1);
        });
        Segment[] halves = Segment.computeSegments(0, 1);
        ReadModelBarrier barrier = barrierOver(processor(Map.of(0, status(halves[0], 15))));

        assertThat(barrier.caughtUp(15)).isTrue();
        assertThat(barrier.caughtUp(16)).isFalse();
    }

    @Test
    void aNodeHoldingEverySegmentNeverReadsTheSharedTokens() {
        // no row in token_entry at all: only the node's own processor can say it is there
        ReadModelBarrier barrier = barrierOver(processor(Map.of(0, status(Segment.ROOT_SEGMENT, 7))));
        assertThat(barrier.caughtUp(7)).isTrue();
        assertThat(barrier.caughtUp(8)).isFalse();

        Segment[] halves = Segment.computeSegments(0, 1);
        assertThat(ReadModelBarrier.coversEverySegment(
                java.util.List.of(status(halves[0], 1), status(halves[1], 1)))).isTrue();
        assertThat(ReadModelBarrier.coversEverySegment(java.util.List.of(status(halves[1], 1)))).isFalse();
    }

    private JdbcTokenStore otherNode() {
        return JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer).schema(tokenSchema)
                .nodeId("node-b").claimTimeout(Duration.ofSeconds(10)).build();
    }

    private ReadModelBarrier barrierOver(StreamingEventProcessor processor) {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of(processorName, processor));
        return new ReadModelBarrier(mock(EventStore.class), processing, jdbc, new SharedTokens(jdbc, serializer));
    }

    private StreamingEventProcessor processor(Map<Integer, EventTrackerStatus> held) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.getName()).thenReturn(processorName);
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(held);
        return processor;
    }

    private static EventTrackerStatus status(Segment segment, long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(segment);
        when(status.getTrackingToken()).thenReturn(GapAwareTrackingToken.newInstance(position, Set.of()));
        return status;
    }
}
