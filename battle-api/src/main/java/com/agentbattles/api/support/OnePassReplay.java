package com.agentbattles.api.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Replays the event log once for several projections. Each processor would otherwise read and
 * decode the whole log on its own; here every event is read and decoded once and handed to each
 * projection's handlers in log order, in batches that commit with their {@code BatchWrites}. At
 * the end each processor's token is set to where the replay stopped, so the processors carry on
 * from there as if they had replayed themselves.
 * <p>
 * The processors must be shut down (their reset handlers have run, see {@link ProjectionRebuilder}).
 */
final class OnePassReplay {

    /** Events per transaction: the same order of size as a pooled processor's batch. */
    static final int BATCH = 1_000;

    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;

    OnePassReplay(EventStore eventStore, TokenStore tokenStore, TransactionManager transactions) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
    }

    /**
     * Replays every event up to and including {@code head} (a global position) into the
     * processors' handlers and moves their tokens there; {@code progress} hears the position
     * reached after each batch.
     */
    void run(Map<String, StreamingEventProcessor> processors, long head, LongConsumer progress) throws Exception {
        List<EventHandlerInvoker> invokers = new ArrayList<>();
        for (StreamingEventProcessor processor : processors.values()) {
            invokers.add(((AbstractEventProcessor) processor).eventHandlerInvoker());
        }
        TrackingToken last = null;
        if (head >= 0) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
                long position = -1;
                while (position < head) {
                    if (!stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the log ended at " + position + " before its head " + head);
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    batch.add(event);
                    last = event.trackingToken();
                    position = last.position().orElse(position);
                    if (batch.size() == BATCH || position >= head) {
                        handle(batch, invokers);
                        batch = new ArrayList<>(BATCH);
                        progress.accept(position);
                    }
                }
            }
        }
        TrackingToken reached = last;
        transactions.executeInTransaction(() -> processors.keySet().forEach(name -> {
            for (int segment : tokenStore.fetchSegments(name)) {
                tokenStore.storeToken(reached, name, segment);
                tokenStore.releaseClaim(name, segment);
            }
        }));
    }

    private void handle(List<TrackedEventMessage<?>> batch, List<EventHandlerInvoker> invokers) throws Exception {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = unitOfWork.getMessage();
            for (EventHandlerInvoker invoker : invokers) {
                if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                }
            }
            return null;
        });
        for (ExecutionResult result : unitOfWork.getExecutionResults().values()) {
            if (result.isExceptionResult()) {
                throw new IllegalStateException("replay failed", result.getExceptionResult());
            }
        }
    }
}
