package com.agentbattles.api.config;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refusal that applied nothing commits its (empty) unit of work, so the aggregate it loaded is not
 * evicted; a refusal after an event was applied, and any other failure, still roll back. Real Axon
 * command bus and event store: the check reads where Axon stages an aggregate's applied events.
 */
class RefusalKeepsAggregateTest {

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    private final List<String> outcomes = new ArrayList<>();

    RefusalKeepsAggregateTest() {
        bus.setRollbackConfiguration(new RefusalKeepsAggregate());
    }

    @Test
    void aRefusalThatAppliedNothingCommits() {
        handle(command -> refuse());

        assertThatThrownBy(() -> gateway.sendAndWait("refuse")).isInstanceOf(DomainException.class);
        assertThat(outcomes).containsExactly("committed");
    }

    @Test
    void aRefusalAfterAnAppliedEventRollsBackAndStoresNothing() {
        handle(command -> {
            events.publish(new GenericDomainEventMessage<>("Battle", "b-1", 0, "stepped"));
            refuse();
        });

        assertThatThrownBy(() -> gateway.sendAndWait("refuse")).isInstanceOf(DomainException.class);
        assertThat(outcomes).containsExactly("rolled back");
        assertThat(events.readEvents("b-1").asStream()).isEmpty();
    }

    @Test
    void anyOtherFailureRollsBack() {
        handle(command -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("fail")).isInstanceOf(IllegalStateException.class);
        assertThat(outcomes).containsExactly("rolled back");
    }

    private void handle(Consumer<CommandMessage<?>> handler) {
        bus.subscribe(String.class.getName(), command -> {
            CurrentUnitOfWork.get().afterCommit(u -> outcomes.add("committed"));
            CurrentUnitOfWork.get().onRollback(u -> outcomes.add("rolled back"));
            handler.accept(command);
            return null;
        });
    }

    private static void refuse() {
        throw new DomainException(ErrorCode.VALIDATION_ERROR, "refused");
    }
}
