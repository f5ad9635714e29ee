package com.agentbattles.command.battle;

import com.agentbattles.command.battle.BattleAudit.Report;
import com.agentbattles.command.battle.BattleTradingTest.InMemoryCandles;
import com.agentbattles.command.battle.core.AgentClock;
import com.agentbattles.command.battle.core.OrderDesk;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleTradingCommands.DeclareStepDone;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut;
import com.agentbattles.domain.battle.StepClock;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.OrderSide;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.agentbattles.command.battle.BattleFixtures.AGENT_A;
import static com.agentbattles.command.battle.BattleFixtures.AGENT_B;
import static com.agentbattles.command.battle.BattleFixtures.BATTLE;
import static com.agentbattles.command.battle.BattleFixtures.OWNER;
import static com.agentbattles.command.battle.BattleTradingTest.BTC;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_1;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_2;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_3;
import static com.agentbattles.command.battle.BattleTradingTest.BTC_4;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_1;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_3;
import static com.agentbattles.command.battle.BattleTradingTest.ETH_4;
import static com.agentbattles.command.battle.BattleTradingTest.CONFIG;
import static com.agentbattles.command.battle.BattleTradingTest.market;
import static com.agentbattles.command.battle.BattleTradingTest.startedBattle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agents' clock: a step closes when every active participant is done with it, at its
 * time-out with the ones still deciding skipped, or when the owner pauses the last one it waited
 * for. What the rules record is what the Axon aggregate records, and the audit moves the clock
 * again from those events alone.
 */
class AgentClockTest {

    static final BattleConfig AGENTS_CLOCK = new BattleConfig(CONFIG.preset(), CONFIG.battleMode(),
            CONFIG.rankingMetric(), CONFIG.startingBalance(), CONFIG.durationMinutes(), CONFIG.walletMode(),
            CONFIG.candleInterval(), CONFIG.pairs(), CONFIG.startTime(), CONFIG.endTime(), CONFIG.lossLimitPct(),
            CONFIG.fees(), StepClock.AGENTS, 30);
    static final Instant OPENED = startedAt();
    static final Instant A_DONE = OPENED.plusSeconds(2);
    static final Instant B_DONE = OPENED.plusSeconds(5);

    private final InMemoryCandles market = new InMemoryCandles(List.of(BTC_1, ETH_1, BTC_2, BTC_3, ETH_3, BTC_4, ETH_4));

    @Test
    void aStepClosesOnlyWhenTheLastActiveParticipantIsDone() {
        PlayedClock battle = new PlayedClock();

        battle.done(AGENT_A, 0L, A_DONE);
        assertThat(battle.state.floor().step()).isZero();
        assertThat(battle.state.stillDeciding()).containsExactly(AGENT_B);
        battle.done(AGENT_B, null, B_DONE);

        assertThat(battle.state.floor().step()).isEqualTo(1);
        assertThat(battle.state.stillDeciding()).containsExactly(AGENT_A, AGENT_B);
        assertThat(battle.state.stepOpenedAt()).isEqualTo(B_DONE);
        assertThat(battle.state.stepDeadline()).isEqualTo(B_DONE.plusSeconds(30));
        assertThat(battle.events).filteredOn(e -> e instanceof ParticipantReady).containsExactly(
                new ParticipantReady(BATTLE, OWNER, AGENT_A, 0, A_DONE),
                new ParticipantReady(BATTLE, OWNER, AGENT_B, 0, B_DONE));
        assertThat(battle.events).last().isInstanceOf(BattleStepped.class);
    }

    @Test
    void theOwnerCannotStepAnAgentsClockAndAnOrderForAClosedStepIsRefused() {
        PlayedClock battle = new PlayedClock();
        battle.done(AGENT_A, 0L, A_DONE);
        battle.done(AGENT_B, 0L, B_DONE);

        refused(() -> new com.agentbattles.command.battle.core.HistoricalSession(battle.state,
                battle::record).step(new StepBattle(BATTLE, OWNER, 1, null, B_DONE), market),
                ErrorCode.INVALID_STATE_TRANSITION);
        refused(() -> new OrderDesk(battle.state, battle::record).place(new PlaceBattleOrder(
                BATTLE, OWNER, AGENT_A, market("late", BTC, OrderSide.BUY, "1"), List.of(), B_DONE, 0L)),
                ErrorCode.STEP_CLOSED);
        refused(() -> battle.done(AGENT_A, 0L, B_DONE), ErrorCode.STEP_CLOSED);
        // the same order for the open step trades
        new OrderDesk(battle.state, battle::record).place(new PlaceBattleOrder(BATTLE, OWNER, AGENT_A,
                market("on-time", BTC, OrderSide.BUY, "1"), List.of(), B_DONE, 1L));
        assertThat(battle.events).anyMatch(e -> e instanceof OrderFilled f && f.fill().orderId().equals("on-time"));
    }

    @Test
    void aTimeOutSkipsTheParticipantsStillDecidingAndALateDeadlineChangesNothing() {
        PlayedClock battle = new PlayedClock();
        battle.done(AGENT_A, 0L, A_DONE);
        Instant deadline = OPENED.plusSeconds(30);

        battle.clock().timeOut(0, deadline, market);
        int recorded = battle.events.size();
        battle.clock().timeOut(0, deadline, market);

        assertThat(battle.events).hasSize(recorded);
        assertThat(battle.events).contains(new StepTimedOut(BATTLE, OWNER, 0, List.of(AGENT_B), deadline));
        assertThat(battle.state.floor().step()).isEqualTo(1);
        assertThat(battle.state.stepOpenedAt()).isEqualTo(deadline);
    }

    @Test
    void pausingTheLastParticipantTheClockWaitsForClosesTheStep() {
        PlayedClock battle = new PlayedClock();
        battle.done(AGENT_A, 0L, A_DONE);

        battle.clock().pause(new PauseParticipant(BATTLE, OWNER, AGENT_B, B_DONE), market);

        assertThat(battle.state.floor().step()).isEqualTo(1);
        assertThat(battle.state.stillDeciding()).containsExactly(AGENT_A);
    }

    @Test
    void theAuditMovesTheClockAgainFromTheRecordedReadinessAndTimeOuts() {
        PlayedClock battle = new PlayedClock();
        battle.done(AGENT_A, 0L, A_DONE);
        battle.done(AGENT_B, 0L, B_DONE);
        new OrderDesk(battle.state, battle::record).place(new PlaceBattleOrder(BATTLE, OWNER, AGENT_A,
                market("buy-1", BTC, OrderSide.BUY, "10"), List.of(), B_DONE, 1L));
        battle.done(AGENT_B, 1L, B_DONE.plusSeconds(1));
        battle.clock().timeOut(1, B_DONE.plusSeconds(30), market);
        battle.done(AGENT_A, 2L, B_DONE.plusSeconds(31));
        battle.done(AGENT_B, 2L, B_DONE.plusSeconds(32));
        assertThat(battle.events).last().isInstanceOf(BattleStopped.class);

        Report honest = BattleAudit.audit(BATTLE, PlayedBattle.numbered(battle.events), market);
        assertThat(honest.matches()).isTrue();
        assertThat(honest.resimulatedDigest()).isEqualTo(honest.recordedDigest());

        // a readiness taken out of the log: the audit's clock then waits where the recorded one moved
        List<Object> forged = new ArrayList<>(battle.events);
        int lastReady = forged.lastIndexOf(new ParticipantReady(BATTLE, OWNER, AGENT_B, 2, B_DONE.plusSeconds(32)));
        forged.remove(lastReady);
        Report tampered = BattleAudit.audit(BATTLE, PlayedBattle.numbered(forged), market);
        assertThat(tampered.matches()).isFalse();
        assertThat(tampered.firstDivergence().sequence()).isEqualTo(lastReady);
    }

    /** The Axon aggregate records exactly what the rules record, and schedules the step's time-out. */
    @Test
    void theAggregateRecordsWhatTheRulesRecordAndSchedulesTheNextTimeOut() {
        PlayedClock rules = new PlayedClock();
        int given = rules.events.size();
        rules.done(AGENT_A, 0L, A_DONE);
        int afterA = rules.events.size();
        rules.done(AGENT_B, 0L, B_DONE);

        FixtureConfiguration<Battle> fixture = BattleTradingTest.newFixture(market);
        fixture.given(rules.events.subList(0, afterA))
                .when(new DeclareStepDone(BATTLE, OWNER, AGENT_B, 0L, B_DONE))
                .expectEvents(rules.events.subList(afterA, rules.events.size()).toArray())
                .expectScheduledDeadline(B_DONE.plusSeconds(30), new StepDeadline(1, B_DONE.plusSeconds(30)));
        assertThat(given).isPositive();
    }

    @Test
    void theAggregateTimesOutAStepWhenItsDeadlineFires() {
        PlayedClock rules = new PlayedClock();
        rules.done(AGENT_A, 0L, A_DONE);
        int afterA = rules.events.size();
        rules.done(AGENT_B, 0L, B_DONE);
        int stepped = rules.events.size();
        Instant deadline = B_DONE.plusSeconds(30);
        rules.clock().timeOut(1, deadline, market);

        FixtureConfiguration<Battle> fixture = BattleTradingTest.newFixture(market);
        fixture.given(rules.events.subList(0, afterA))
                .andGivenCommands(new DeclareStepDone(BATTLE, OWNER, AGENT_B, 0L, B_DONE))
                .whenTimeAdvancesTo(deadline.plusSeconds(1))
                .expectDeadlinesMet(new StepDeadline(1, deadline))
                .expectEvents(rules.events.subList(stepped, rules.events.size()).toArray());
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static Instant startedAt() {
        Object[] started = startedBattle(AGENTS_CLOCK);
        return ((com.agentbattles.domain.battle.BattleEvents.BattleStarted) started[started.length - 1]).startedAt();
    }

    /** A battle of the agents' clock played through the rules alone. */
    private final class PlayedClock {
        final com.agentbattles.command.battle.core.BattleState state = new com.agentbattles.command.battle.core.BattleState();
        final List<Object> events = new ArrayList<>();

        PlayedClock() {
            for (Object event : startedBattle(AGENTS_CLOCK)) {
                record(event);
            }
        }

        void record(Object event) {
            state.evolve(event);
            events.add(event);
        }

        AgentClock clock() {
            return new AgentClock(state, this::record);
        }

        void done(String agentId, Long step, Instant at) {
            clock().done(new DeclareStepDone(BATTLE, OWNER, agentId, step, at), market);
        }
    }
}
