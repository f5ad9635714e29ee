package com.agentbattles.query.agent;

import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.agent.AgentQueries.ListAgents;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.query.support.AgentFacts;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static com.agentbattles.query.support.AgentFacts.CREATED_AT;
import static org.assertj.core.api.Assertions.assertThat;

class AgentProjectionTest {

    private final AgentFacts momentum = new AgentFacts("agent-1", "acc-1");
    private final AgentFacts grid = new AgentFacts("agent-2", "acc-1");
    private final AgentFacts elsewhere = new AgentFacts("agent-3", "acc-2");
    private final RiskConfig tight = new RiskConfig(new BigDecimal("10"), new BigDecimal("20"), new BigDecimal("5"), 3);

    private final ProjectionFixture fixture = ProjectionFixture.of(
            new AgentProjection(ProjectionFixture.jdbc(), ProjectionFixture.jdbcTemplate()));
    private final AgentQueryHandler agents = new AgentQueryHandler(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aCreatedAgentIsListedActiveWithItsProfile() {
        fixture.given(momentum.created("Momentum", "1000.50"));

        AgentView view = find(momentum).orElseThrow();
        assertThat(view.name()).isEqualTo("Momentum");
        assertThat(view.startingBalance()).isEqualByComparingTo("1000.50");
        assertSameRisk(view.riskConfig(), RiskConfig.defaults());
        assertThat(view.apiKeyPrefix()).isEqualTo("ak_live_agent-1");
        assertThat(view.status()).isEqualTo("active");
        assertThat(view.resetCount()).isZero();
        assertThat(view.lastResetAt()).isNull();
        assertThat(view.createdAt()).isEqualTo(CREATED_AT);
        assertThat(view.updatedAt()).isEqualTo(CREATED_AT);
    }

    @Test
    void agentsAreListedPerAccountInTheOrderTheyWereCreated() {
        fixture.given(grid.created("Grid", "10"), elsewhere.created("Other", "10"), momentum.created("Momentum", "10"));

        assertThat(agents.handle(new ListAgents("acc-1", false))).extracting(AgentView::agentId)
                .containsExactly("agent-2", "agent-1");
        assertThat(find(new AgentFacts("agent-3", "acc-1"))).as("another account's agent").isEmpty();
    }

    @Test
    void updatesKeysResetsAndArchivingChangeTheRow() {
        fixture.given(momentum.created("Momentum", "1000"),
                momentum.updated("Momentum v2", tight, 1),
                momentum.keyRegenerated(momentum.keyHash(), "second", 2),
                momentum.reset("500", 3),
                momentum.reset("250", 4),
                momentum.archived("second", 5));

        AgentView view = find(momentum).orElseThrow();
        assertThat(view.name()).isEqualTo("Momentum v2");
        assertThat(view.description()).isEqualTo("renamed");
        assertSameRisk(view.riskConfig(), tight);
        assertThat(view.apiKeyPrefix()).isEqualTo("ak_live_second");
        assertThat(view.startingBalance()).isEqualByComparingTo("250");
        assertThat(view.resetCount()).isEqualTo(2);
        assertThat(view.lastResetAt()).isEqualTo(CREATED_AT.plusSeconds(240));
        assertThat(view.status()).isEqualTo("archived");
        assertThat(view.updatedAt()).isEqualTo(CREATED_AT.plusSeconds(300));
        assertThat(agents.handle(new ListAgents("acc-1", false))).isEmpty();
        assertThat(agents.handle(new ListAgents("acc-1", true))).hasSize(1);
    }

    @Test
    void aDeletedAgentIsGone() {
        fixture.given(momentum.created("Momentum", "1000"), grid.created("Grid", "1000"),
                momentum.deleted(momentum.keyHash(), 1));

        assertThat(find(momentum)).isEmpty();
        assertThat(find(grid)).isPresent();
    }

    /** The write-behind collapses a batch's events per agent: one batch must write what one batch per event wrote. */
    @Test
    void aReplayInOneBatchGivesTheRowsTheEventsGaveOneByOne() {
        Object[] history = {momentum.created("Momentum", "1000"), grid.created("Grid", "1000"),
                momentum.updated("Momentum v2", tight, 1), momentum.reset("500", 2), momentum.reset("400", 3),
                grid.keyRegenerated(grid.keyHash(), "grid-2", 4), grid.archived("grid-2", 5),
                elsewhere.created("Short-lived", "1"), elsewhere.deleted(elsewhere.keyHash(), 6)};
        fixture.given(history);
        assertThat(fixture.count("agent_view")).isEqualTo(2);

        fixture.assertReplayReproducesEveryRow();
    }

    @Test
    void theResetHandlerEmptiesTheTableAndAReplayGivesTheSameRows() {
        fixture.given(momentum.created("Momentum", "1000"), grid.created("Grid", "1000"),
                momentum.reset("500", 1), grid.archived(grid.keyHash(), 2));

        fixture.reset();
        assertThat(fixture.count("agent_view")).isZero();

        fixture.replay();
        fixture.assertReplayReproducesEveryRow();
        assertThat(find(momentum).orElseThrow().resetCount()).isEqualTo(1);
    }

    /** The read model gives percentages without trailing zeros (50 as 5E+1): compared as numbers. */
    private static void assertSameRisk(RiskConfig actual, RiskConfig expected) {
        assertThat(actual).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }

    private Optional<AgentView> find(AgentFacts agent) {
        return agents.handle(new FindAgent(agent.accountId(), agent.agentId()));
    }
}
