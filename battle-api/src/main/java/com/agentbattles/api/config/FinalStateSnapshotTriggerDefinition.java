package com.agentbattles.api.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * Snapshots every {@code threshold} events, as Axon's event-count trigger does, and also as soon as
 * an aggregate applies an event after which it no longer changes (a battle stopped or cancelled).
 * A finished battle is read far more often than it is written (results, audits, refused commands
 * after a restart), and without this it would load from the last count snapshot plus a tail of up
 * to {@code threshold - 1} events, each carrying its candles. The snapshot is taken after the
 * commit, from the log, like any other.
 */
public class FinalStateSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    /** Which event payloads end an aggregate's active life; serializable because the trigger is. */
    public interface FinalEvent extends Predicate<Object>, Serializable {
    }

    private final Snapshotter snapshotter;
    private final int threshold;
    private final FinalEvent finalEvent;

    public FinalStateSnapshotTriggerDefinition(Snapshotter snapshotter, int threshold, FinalEvent finalEvent) {
        this.snapshotter = snapshotter;
        this.threshold = threshold;
        this.finalEvent = finalEvent;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold, finalEvent);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof AbstractSnapshotTrigger abstractTrigger) {
            abstractTrigger.setSnapshotter(snapshotter);
            return trigger;
        }
        return prepareTrigger(aggregateType);
    }

    static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int threshold;
        private final FinalEvent finalEvent;
        private int counter;
        private boolean finished;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold, FinalEvent finalEvent) {
            super(snapshotter, aggregateType);
            this.threshold = threshold;
            this.finalEvent = finalEvent;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (finalEvent.test(message.getPayload())) {
                finished = true;
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++counter >= threshold || finished;
        }

        @Override
        protected void reset() {
            counter = 0;
            finished = false;
        }
    }
}
