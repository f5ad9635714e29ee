package com.agentbattles.api.support;

import com.agentbattles.api.ws.PushProcessors;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rebuilds read models from the event log: stops the projections' processors, resets their
 * tokens (which runs each projection's reset handler and clears its tables), replays the log
 * once into all of them ({@link OnePassReplay}), and starts them again from where the replay
 * stopped.
 */
@Service
public class ProjectionRebuilder {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final EventProcessingConfiguration processing;
    private final ReadModelBarrier barrier;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;

    public ProjectionRebuilder(EventProcessingConfiguration processing, ReadModelBarrier barrier, EventStore eventStore,
                               TokenStore tokenStore, TransactionManager transactions) {
        this.processing = processing;
        this.barrier = barrier;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
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
        Map<String, StreamingEventProcessor> chosen = new java.util.LinkedHashMap<>();
        for (String name : targets) {
            StreamingEventProcessor processor = processors.get(name);
            processor.shutDown();
            processor.resetTokens(); // runs the reset handlers, which clear the tables
            chosen.put(name, processor);
        }
        long[] lastReport = {started};
        try {
            new OnePassReplay(eventStore, tokenStore, transactions).run(chosen, head, position -> {
                long now = System.nanoTime();
                if (now - lastReport[0] < PROGRESS_INTERVAL.toNanos() && position < head) {
                    return;
                }
                lastReport[0] = now;
                double seconds = Math.max(1e-9, (now - started) / 1e9);
                double rate = Math.max(0, position + 1) / seconds;
                Duration eta = rate > 0 ? Duration.ofMillis((long) ((head - position) / rate * 1000)) : null;
                progress.accept(new Progress(targets, position, head, rate, eta));
            });
        } catch (Exception e) {
            throw new IllegalStateException("rebuild of " + targets + " failed; the processors were left stopped", e);
        }
        chosen.values().forEach(StreamingEventProcessor::start);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RebuildReport(targets, head + 1, seconds, seconds > 0 ? (head + 1) / seconds : 0);
    }

    /** @param events the log's length in events, which each projection replayed */
    public record RebuildReport(List<String> projections, long events, double seconds, double eventsPerSecond) {
    }

    private Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> result = new java.util.TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.supportsReset()
                    && !name.equals(PushProcessors.WEBSOCKET_PUSH)) {
                result.put(name, streaming);
            }
        });
        return result;
    }
}
