package com.agentbattles.command.agent;

import com.agentbattles.domain.agent.AgentCommands.ArchiveAgent;
import com.agentbattles.domain.agent.AgentCommands.DeleteAgent;
import com.agentbattles.domain.agent.AgentCommands.EnterBattle;
import com.agentbattles.domain.agent.AgentCommands.LeaveBattle;
import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentEnteredBattle;
import com.agentbattles.domain.agent.AgentEvents.AgentLeftBattle;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.agentbattles.command.battle.DomainRefusal.refusal;

/** An agent in a running battle cannot be archived or deleted; entering and leaving are idempotent. */
class AgentBattleEngagementTest {

    private static final String AGENT = "agent-1";
    private static final String OWNER = "account-1";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
    }

    private static AgentCreated created() {
        return new AgentCreated(AGENT, OWNER, "Bot", null, new BigDecimal("10000.00000000"), RiskConfig.defaults(),
                "hash", "ak_live_abc", false, null, T0);
    }

    private static AgentEnteredBattle entered(String battleId) {
        return new AgentEnteredBattle(AGENT, OWNER, battleId, T0);
    }

    @Test
    void enteringABattleIsRecorded() {
        fixture.given(created())
                .when(new EnterBattle(AGENT, OWNER, "battle-1", T1))
                .expectEvents(new AgentEnteredBattle(AGENT, OWNER, "battle-1", T1));
    }

    @Test
    void enteringTheSameBattleAgainChangesNothing() {
        fixture.given(created(), entered("battle-1"))
                .when(new EnterBattle(AGENT, OWNER, "battle-1", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void leavingABattleIsRecorded() {
        fixture.given(created(), entered("battle-1"))
                .when(new LeaveBattle(AGENT, OWNER, "battle-1", T1))
                .expectEvents(new AgentLeftBattle(AGENT, OWNER, "battle-1", T1));
    }

    @Test
    void leavingABattleItIsNotInChangesNothing() {
        fixture.given(created())
                .when(new LeaveBattle(AGENT, OWNER, "battle-1", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherAccountsBattleCannotEngageTheAgent() {
        fixture.given(created())
                .when(new EnterBattle(AGENT, "account-2", "battle-1", T1))
                .expectException(refusal(ErrorCode.AGENT_NOT_FOUND));
    }

    @Test
    void anAgentInARunningBattleCannotBeArchived() {
        fixture.given(created(), entered("battle-2"), entered("battle-1"))
                .when(new ArchiveAgent(AGENT, OWNER, T1))
                .expectException(refusal(ErrorCode.AGENT_IN_ACTIVE_BATTLE,
                        Map.of("agent_id", AGENT, "battle_ids", List.of("battle-1", "battle-2"))));
    }

    @Test
    void anAgentInARunningBattleCannotBeDeleted() {
        fixture.given(created(), entered("battle-1"))
                .when(new DeleteAgent(AGENT, OWNER, T1))
                .expectException(refusal(ErrorCode.AGENT_IN_ACTIVE_BATTLE));
    }

    @Test
    void onceEveryBattleIsOverTheAgentCanBeArchived() {
        fixture.given(created(), entered("battle-1"), new AgentLeftBattle(AGENT, OWNER, "battle-1", T0))
                .when(new ArchiveAgent(AGENT, OWNER, T1))
                .expectEvents(new AgentArchived(AGENT, OWNER, "hash", T1));
    }

    @Test
    void onceEveryBattleIsOverTheAgentCanBeDeleted() {
        fixture.given(created(), entered("battle-1"), new AgentLeftBattle(AGENT, OWNER, "battle-1", T0))
                .when(new DeleteAgent(AGENT, OWNER, T1))
                .expectEvents(new AgentDeleted(AGENT, OWNER, "hash", T1));
    }
}
