package com.agentbattles.query.agent;

import com.agentbattles.query.agent.CredentialReadModel.Credential;
import com.agentbattles.query.support.AgentFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialProjectionTest {

    private final AgentFacts momentum = new AgentFacts("agent-1", "acc-1");
    private final AgentFacts grid = new AgentFacts("agent-2", "acc-1");

    private final ProjectionFixture fixture = ProjectionFixture.of(
            new CredentialProjection(ProjectionFixture.jdbc(), ProjectionFixture.jdbcTemplate()));
    private final CredentialReadModel credentials = new CredentialReadModel(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aNewAgentsKeyAuthenticatesThatAgent() {
        fixture.given(momentum.created("Momentum", "1000"));

        assertThat(credentials.findByKeyHash(momentum.keyHash())).contains(new Credential("acc-1", "agent-1"));
        assertThat(credentials.findByKeyHash("unknown")).isEmpty();
    }

    @Test
    void aRegeneratedKeyReplacesTheOldOne() {
        fixture.given(momentum.created("Momentum", "1000"), momentum.keyRegenerated(momentum.keyHash(), "second", 1));

        assertThat(credentials.findByKeyHash(momentum.keyHash())).isEmpty();
        assertThat(credentials.findByKeyHash("second")).contains(new Credential("acc-1", "agent-1"));
    }

    @Test
    void archivingOrDeletingAnAgentRevokesItsKey() {
        fixture.given(momentum.created("Momentum", "1000"), grid.created("Grid", "1000"),
                momentum.archived(momentum.keyHash(), 1), grid.deleted(grid.keyHash(), 2));

        assertThat(credentials.findByKeyHash(momentum.keyHash())).isEmpty();
        assertThat(credentials.findByKeyHash(grid.keyHash())).isEmpty();
        assertThat(fixture.count("api_credential")).isZero();
    }

    /** In one batch only each key's last change is written: it must leave what one batch per event left. */
    @Test
    void aReplayInOneBatchGivesTheRowsTheEventsGaveOneByOne() {
        Object[] history = {momentum.created("Momentum", "1000"), momentum.keyRegenerated(momentum.keyHash(), "second", 1),
                momentum.keyRegenerated("second", "third", 2), grid.created("Grid", "1000"),
                grid.archived(grid.keyHash(), 3)};
        fixture.given(history);
        assertThat(credentials.findByKeyHash("third")).contains(new Credential("acc-1", "agent-1"));
        assertThat(fixture.count("api_credential")).isEqualTo(1);

        fixture.assertReplayReproducesEveryRow();
    }

    @Test
    void theResetHandlerEmptiesTheTableAndAReplayGivesTheSameRows() {
        fixture.given(momentum.created("Momentum", "1000"), grid.created("Grid", "1000"),
                momentum.keyRegenerated(momentum.keyHash(), "second", 1));

        fixture.reset();
        assertThat(fixture.count("api_credential")).isZero();

        fixture.replay();
        fixture.assertReplayReproducesEveryRow();
        assertThat(credentials.findByKeyHash("second")).isPresent();
    }
}
