package com.agentbattles.api.metrics;

import com.agentbattles.api.support.ReadModelBarrier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * {@code battles_projection_lag_events{processor}}: how many events of the log a streaming
 * processor has still to handle, i.e. the log's head global index minus the slowest of the
 * processor's segment positions on this node. 0 means caught up. NaN when this node holds no
 * segment of the processor (another node does, or it has not claimed one yet). The head is read
 * once per scrape, not once per processor.
 */
@Component
public class ProcessorMeters {

    private static final long HEAD_MAX_AGE_NANOS = 500_000_000L;

    private final EventProcessingConfiguration processing;
    private final ReadModelBarrier barrier;
    private final MeterRegistry registry;
    private volatile long headReadAt;
    private volatile long head = -1;

    public ProcessorMeters(EventProcessingConfiguration processing, ReadModelBarrier barrier, MeterRegistry registry) {
        this.processing = processing;
        this.barrier = barrier;
        this.registry = registry;
    }

    /** Processors exist once Axon has started; registers one gauge each. */
    @EventListener(ApplicationStartedEvent.class)
    public void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("battles.projection.lag", streaming, this::lag)
                        .description("Events between the head of the log and the processor's position")
                        .baseUnit("events")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    double lag(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> statuses = processor.processingStatus().values();
        if (statuses.isEmpty()) {
            return Double.NaN;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses) {
            slowest = Math.min(slowest, status.getCurrentPosition().orElse(-1));
        }
        return Math.max(0, head() - slowest);
    }

    private long head() {
        long now = System.nanoTime();
        if (now - headReadAt > HEAD_MAX_AGE_NANOS) {
            head = barrier.headPosition();
            headReadAt = now;
        }
        return head;
    }
}
