package com.agentbattles.api.cluster;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator's {@code battles.cluster.*} turns into, and a refusal's trip back across nodes. */
class ClusterSettingsTest {

    @Test
    void withoutAMemberListNothingChanges() {
        MockEnvironment environment = new MockEnvironment();
        new ClusterEnvironment().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("axon.distributed.enabled")).isNull();
        ProcessorSegments segments = ProcessorSegments.of(environment);
        assertThat(segments.initialSegments()).isEqualTo(1);
        assertThat(segments.maxClaimed()).isNull();
    }

    @Test
    void aMemberListTurnsTheRingOnWithAStaticTcpList() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("battles.cluster.members", " a:7800, b:7801 ,c:7802")
                .withProperty("battles.cluster.bind-port", "7801");
        new ClusterEnvironment().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("axon.distributed.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("axon.distributed.jgroups.bind-port")).isEqualTo("7801");
        assertThat(environment.getProperty("axon.distributed.jgroups.configuration-file")).isEqualTo("battles-jgroups-tcp.xml");
        assertThat(System.getProperty(ClusterEnvironment.INITIAL_HOSTS)).isEqualTo("a[7800],b[7801],c[7802]");

        ProcessorSegments segments = ProcessorSegments.of(environment);
        assertThat(segments.initialSegments()).isEqualTo(6);
        // two survivors of three can hold all six segments between them
        assertThat(segments.maxClaimed()).isEqualTo(3);
    }

    @Test
    void aMemberWithoutPortIsRefused() {
        assertThatThrownBy(() -> ClusterEnvironment.initialHosts(List.of("a:7800", "b")))
                .hasMessageContaining("'b' is not host:port");
    }

    @Test
    void aRefusalOnAnotherNodeIsThrownAsTheSameDomainException() {
        DomainException refusal = new DomainException(ErrorCode.NOT_FOUND, "no such battle", Map.of("battle_id", "b-1"));
        CommandResultMessage<Object> remote = GenericCommandResultMessage.asCommandResultMessage(
                new CommandExecutionException("The remote handler threw an exception", null, RemoteFailure.of(refusal)));

        Throwable restored = RemoteFailureRestoringCommandBus.restored(remote).exceptionResult();

        assertThat(restored).isInstanceOf(DomainException.class).hasMessage("no such battle");
        assertThat(((DomainException) restored).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((DomainException) restored).details()).containsEntry("battle_id", "b-1");
    }

    @Test
    void aConcurrencyConflictStaysOneSoTheGatewayRetriesIt() {
        CommandResultMessage<Object> remote = GenericCommandResultMessage.asCommandResultMessage(
                new CommandExecutionException("x", null, RemoteFailure.of(new ConcurrencyException("stale"))));
        assertThat(RemoteFailureRestoringCommandBus.restored(remote).exceptionResult()).isInstanceOf(ConcurrencyException.class);
    }
}
