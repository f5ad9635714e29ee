package com.agentbattles.command.agent;

import com.agentbattles.domain.agent.AgentCommands.ArchiveAgent;
import com.agentbattles.domain.agent.AgentCommands.CreateAgent;
import com.agentbattles.domain.agent.AgentCommands.DeleteAgent;
import com.agentbattles.domain.agent.AgentCommands.RegenerateAgentKey;
import com.agentbattles.domain.agent.AgentCommands.ResetAgent;
import com.agentbattles.domain.agent.AgentCommands.UpdateAgent;
import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.matches;

class AgentTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-01T11:00:00Z");
    private static final String AGENT = "agent-1";
    private static final String OWNER = "account-1";
    private static final String STRANGER = "account-2";

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
    }

    private static AgentCreated created(boolean defaultAgent) {
        return new AgentCreated(AGENT, OWNER, "Momentum", null, new BigDecimal("10000.00000000"), RiskConfig.defaults(),
                "hash-1", "ak_live_aaaaaa", defaultAgent, null, T0);
    }

    @Test
    void createsWithDefaultRiskProfileAndScaledBalance() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgent(AGENT, OWNER, "  Momentum ", null, new BigDecimal("10000"), null, "hash-1",
                        "ak_live_aaaaaa", false, null, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(false));
    }

    @Test
    void refusesABlankNameOrABadBalance() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgent(AGENT, OWNER, " ", null, BigDecimal.TEN, null, "h", "p", false, null, T0))
                .expectException(DomainException.class)
                .expectExceptionMessage("name is required");
        fixture.givenNoPriorActivity()
                .when(new CreateAgent(AGENT, OWNER, "a", null, new BigDecimal("-5"), null, "h", "p", false, null, T0))
                .expectExceptionMessage("starting_balance must be positive");
        fixture.givenNoPriorActivity()
                .when(new CreateAgent(AGENT, OWNER, "a", null, new BigDecimal("2000000000"), null, "h", "p", false, null, T0))
                .expectExceptionMessage("starting_balance must be at most 1000000000 USDT");
    }

    @Test
    void refusesAnOutOfRangeRiskProfile() {
        fixture.givenNoPriorActivity()
                .when(new CreateAgent(AGENT, OWNER, "a", null, BigDecimal.TEN,
                        new RiskConfig(null, new BigDecimal("0"), null, null), "h", "p", false, null, T0))
                .expectExceptionMessage("risk_config.max_position_size_pct must be greater than 0 and at most 100");
    }

    @Test
    void updateMergesTheRiskProfileAndKeepsUnchangedFields() {
        fixture.given(created(false))
                .when(new UpdateAgent(AGENT, OWNER, null, "new notes",
                        new RiskConfig(new BigDecimal("25"), null, null, 20), T1))
                .expectEvents(new AgentUpdated(AGENT, OWNER, "Momentum", "new notes",
                        new RiskConfig(new BigDecimal("25"), new BigDecimal("25"), new BigDecimal("20"), 20), T1, false));
    }

    @Test
    void thePublishedFlagIsRecordedAndAnUpdateThatDoesNotNameItKeepsIt() {
        AgentCreated published = new AgentCreated(AGENT, OWNER, "Momentum", null, new BigDecimal("10000.00000000"),
                RiskConfig.defaults(), "hash-1", "ak_live_aaaaaa", false, null, T0, true);
        fixture.givenNoPriorActivity()
                .when(new CreateAgent(AGENT, OWNER, "Momentum", null, new BigDecimal("10000"), null, "hash-1",
                        "ak_live_aaaaaa", false, null, T0, true))
                .expectEvents(published);
        fixture.given(published)
                .when(new UpdateAgent(AGENT, OWNER, null, "notes", null, T1))
                .expectEvents(new AgentUpdated(AGENT, OWNER, "Momentum", "notes", RiskConfig.defaults(), T1, true));
        fixture.given(published)
                .when(new UpdateAgent(AGENT, OWNER, null, null, null, T1, false))
                .expectEvents(new AgentUpdated(AGENT, OWNER, "Momentum", null, RiskConfig.defaults(), T1, false));
        // an event recorded before the flag existed reads as unpublished
        assertThat(new AgentCreated(AGENT, OWNER, "Momentum", null, BigDecimal.TEN, RiskConfig.defaults(), "h", "p",
                false, null, T0, null).isPublished()).isFalse();
    }

    @Test
    void anotherAccountSeesNothing() {
        fixture.given(created(false))
                .when(new UpdateAgent(AGENT, STRANGER, "mine", null, null, T1))
                .expectException(DomainException.class)
                .expectException(matches(e -> ((DomainException) e).code() == ErrorCode.AGENT_NOT_FOUND))
                .expectNoEvents();
        fixture.given(created(false))
                .when(new DeleteAgent(AGENT, STRANGER, T1))
                .expectNoEvents()
                .expectException(matches(e -> ((DomainException) e).code() == ErrorCode.AGENT_NOT_FOUND));
    }

    @Test
    void regeneratingTheKeyRecordsTheOldHashSoItCanBeRevoked() {
        fixture.given(created(false))
                .when(new RegenerateAgentKey(AGENT, OWNER, "hash-2", "ak_live_bbbbbb", T1))
                .expectEvents(new AgentKeyRegenerated(AGENT, OWNER, "hash-1", "hash-2", "ak_live_bbbbbb", T1));
        fixture.given(created(false), new AgentKeyRegenerated(AGENT, OWNER, "hash-1", "hash-2", "ak_live_bbbbbb", T1))
                .when(new ArchiveAgent(AGENT, OWNER, T1))
                .expectEvents(new AgentArchived(AGENT, OWNER, "hash-2", T1));
    }

    @Test
    void resetSetsANewStartingBalance() {
        fixture.given(created(false))
                .when(new ResetAgent(AGENT, OWNER, new BigDecimal("7500"), T1))
                .expectEvents(new AgentReset(AGENT, OWNER, new BigDecimal("7500.00000000"), T1));
    }

    @Test
    void anArchivedAgentCannotGetAKeyOrBeReset() {
        fixture.given(created(false), new AgentArchived(AGENT, OWNER, "hash-1", T1))
                .when(new RegenerateAgentKey(AGENT, OWNER, "hash-2", "p", T1))
                .expectNoEvents()
                .expectException(matches(e -> ((DomainException) e).code() == ErrorCode.AGENT_ARCHIVED));
        fixture.given(created(false), new AgentArchived(AGENT, OWNER, "hash-1", T1))
                .when(new ResetAgent(AGENT, OWNER, BigDecimal.TEN, T1))
                .expectNoEvents()
                .expectException(matches(e -> ((DomainException) e).code() == ErrorCode.AGENT_ARCHIVED));
    }

    @Test
    void archivingTwiceIsArchivingOnce() {
        fixture.given(created(false), new AgentArchived(AGENT, OWNER, "hash-1", T1))
                .when(new ArchiveAgent(AGENT, OWNER, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deleteEndsTheAgent() {
        fixture.given(created(false))
                .when(new DeleteAgent(AGENT, OWNER, T1))
                .expectEvents(new AgentDeleted(AGENT, OWNER, "hash-1", T1))
                .expectMarkedDeleted();
    }

    @Test
    void theDefaultAgentCannotBeArchivedOrDeleted() {
        fixture.given(created(true))
                .when(new DeleteAgent(AGENT, OWNER, T1))
                .expectNoEvents()
                .expectException(matches(e -> ((DomainException) e).code() == ErrorCode.DEFAULT_AGENT_PROTECTED));
        fixture.given(created(true))
                .when(new ArchiveAgent(AGENT, OWNER, T1))
                .expectNoEvents()
                .expectException(matches(e -> ((DomainException) e).code() == ErrorCode.DEFAULT_AGENT_PROTECTED));
    }
}
