package com.agentbattles.api.support;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rebuilds read models from the event log: stops a projection's processor, resets its tokens
 * (which runs the projection's reset handler and clears its tables), and starts it again so it
 * replays every event from the beginning.
 */
@Service
public class ProjectionRebuilder {

    private static final java.time.Duration REPLAY_DEADLINE = java.time.Duration.ofMinutes(30);

    private final EventProcessingConfiguration processing;
    private final ReadModelBarrier barrier;

    public ProjectionRebuilder(EventProcessingConfiguration processing, ReadModelBarrier barrier) {
        this.processing = processing;
        this.barrier = barrier;
    }

    public List<String> projections() {
        return List.copyOf(new TreeSet<>(streamingProcessors().keySet()));
    }

    /** Replays the named projections (all when none are named) and returns when they have caught up. */
    public void rebuild(List<String> names) {
        List<String> targets = names == null || names.isEmpty() ? projections() : names;
        Map<String, StreamingEventProcessor> processors = streamingProcessors();
        for (String name : targets) {
            if (!processors.containsKey(name)) {
                throw new DomainException(ErrorCode.NOT_FOUND, "no projection named " + name,
                        Map.of("projection", name, "known", projections()));
            }
        }
        for (String name : targets) {
            StreamingEventProcessor processor = processors.get(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        barrier.awaitProjections(REPLAY_DEADLINE);
    }

    private Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> result = new java.util.TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.supportsReset()) {
                result.put(name, streaming);
            }
        });
        return result;
    }
}
