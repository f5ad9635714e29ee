package com.agentbattles.api.support;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rebuilds read models from the event log: stops a projection's processor, resets its tokens
 * (which runs the projection's reset handler and clears its tables), and starts it again so it
 * replays every event from the beginning.
 */
@Service
public class ProjectionRebuilder {

    private static final Duration REPLAY_DEADLINE = Duration.ofMinutes(30);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

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
        rebuild(names, progress -> {
        });
    }

    /** What a running rebuild reports about itself, about once a second. */
    public record Progress(List<String> projections, long position, long head, double eventsPerSecond, Duration eta) {
    }

    /**
     * Replays the named projections (all when none are named), reporting progress, and returns
     * what it did once they have caught up with the head of the log.
     */
    public RebuildReport rebuild(List<String> names, Consumer<Progress> progress) {
        List<String> targets = names == null || names.isEmpty() ? projections() : names;
        Map<String, StreamingEventProcessor> processors = streamingProcessors();
        for (String name : targets) {
            if (!processors.containsKey(name)) {
                throw new DomainException(ErrorCode.NOT_FOUND, "no projection named " + name,
                        Map.of("projection", name, "known", projections()));
            }
        }
        long head = barrier.headPosition();
        long started = System.nanoTime();
        for (String name : targets) {
            StreamingEventProcessor processor = processors.get(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        long deadline = started + REPLAY_DEADLINE.toNanos();
        while (!barrier.caughtUp(head)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rebuild did not finish within " + REPLAY_DEADLINE);
            }
            long position = slowest(targets, processors);
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            double rate = Math.max(0, position) / seconds;
            Duration eta = rate > 0 ? Duration.ofMillis((long) ((head - position) / rate * 1000)) : null;
            progress.accept(new Progress(targets, position, head, rate, eta));
            LockSupport.parkNanos(PROGRESS_INTERVAL.toNanos());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RebuildReport(targets, head + 1, seconds, seconds > 0 ? (head + 1) / seconds : 0);
    }

    /** @param events the log's length in events, which each projection replayed */
    public record RebuildReport(List<String> projections, long events, double seconds, double eventsPerSecond) {
    }

    private static long slowest(List<String> targets, Map<String, StreamingEventProcessor> processors) {
        return targets.stream()
                .flatMap(name -> processors.get(name).processingStatus().values().stream())
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
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
