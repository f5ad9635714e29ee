package com.agentbattles.command.battle;

import com.agentbattles.domain.agent.AgentCommands.EnterBattle;
import com.agentbattles.domain.agent.AgentCommands.LeaveBattle;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.agentbattles.command.battle.BattleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engagement process against a real command bus whose agent handlers record what they get
 * (the Agent side of the rules is covered by AgentBattleEngagementTest).
 */
class BattleEngagementProcessTest {

    private final List<Object> received = new ArrayList<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private BattleEngagementProcess process;
    private RuntimeException agentFailure;

    @BeforeEach
    void setUp() {
        bus.subscribe(EnterBattle.class.getName(), message -> record(message.getPayload()));
        bus.subscribe(LeaveBattle.class.getName(), message -> record(message.getPayload()));
        process = new BattleEngagementProcess(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private Object record(Object command) {
        if (agentFailure != null) {
            throw agentFailure;
        }
        received.add(command);
        return null;
    }

    @Test
    void everyParticipantEntersAStartedBattle() {
        process.on(new BattleStarted(BATTLE, OWNER, QUICK, List.of(AGENT_A, AGENT_B), null, Map.of(), FIVE_SECONDS, T1));

        assertThat(received).containsExactly(new EnterBattle(AGENT_A, OWNER, BATTLE, T1),
                new EnterBattle(AGENT_B, OWNER, BATTLE, T1));
    }

    @Test
    void everyParticipantLeavesAStoppedBattle() {
        process.on(new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(AGENT_A, AGENT_B), List.of(), "d", T2));

        assertThat(received).containsExactly(new LeaveBattle(AGENT_A, OWNER, BATTLE, T2),
                new LeaveBattle(AGENT_B, OWNER, BATTLE, T2));
    }

    @Test
    void aCancelledBattleReleasesOnlyWhomItEngaged() {
        process.on(new BattleCancelled(BATTLE, OWNER, BattleStatus.PENDING, List.of(), T2));
        process.on(new BattleCancelled(BATTLE, OWNER, BattleStatus.PAUSED, List.of(AGENT_A), T2));

        assertThat(received).containsExactly(new LeaveBattle(AGENT_A, OWNER, BATTLE, T2));
    }

    @Test
    void anAgentThatRefusesForGoodIsSkipped() {
        agentFailure = new AggregateDeletedException(AGENT_A, "deleted");
        process.on(new BattleStarted(BATTLE, OWNER, QUICK, List.of(AGENT_A), null, Map.of(), FIVE_SECONDS, T1));
        agentFailure = new DomainException(ErrorCode.AGENT_NOT_FOUND, "not found");
        process.on(new BattleStarted(BATTLE, OWNER, QUICK, List.of(AGENT_A), null, Map.of(), FIVE_SECONDS, T1));

        assertThat(received).isEmpty();
    }

    @Test
    void anyOtherFailureGoesBackToTheProcessorForARetry() {
        agentFailure = new IllegalStateException("database unavailable");

        assertThatThrownBy(() -> process.on(new BattleStarted(BATTLE, OWNER, QUICK, List.of(AGENT_A), null, Map.of(), FIVE_SECONDS, T1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
