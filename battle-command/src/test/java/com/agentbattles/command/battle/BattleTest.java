package com.agentbattles.command.battle;

import com.agentbattles.domain.agent.RiskConfig;

import com.agentbattles.domain.battle.BattleCommands.AddParticipant;
import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.CreateBattle;
import com.agentbattles.domain.battle.BattleCommands.DeleteBattle;
import com.agentbattles.domain.battle.BattleCommands.Entrant;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleCommands.RemoveParticipant;
import com.agentbattles.domain.battle.BattleCommands.ResumeParticipant;
import com.agentbattles.domain.battle.BattleCommands.StartBattle;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleCommands.UpdateBattle;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleConfigChanges;
import com.agentbattles.domain.battle.BattleConfigResolver;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleConfigUpdated;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleHidden;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.FinalRanking;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.CandleInterval;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.agentbattles.command.battle.BattleFixtures.*;
import static com.agentbattles.command.battle.DomainRefusal.illegalTransition;
import static com.agentbattles.command.battle.DomainRefusal.invalidField;
import static com.agentbattles.command.battle.DomainRefusal.refusal;

/** Every transition and every refusal of the battle state machine, given/when/expect. */
class BattleTest {

    private FixtureConfiguration<Battle> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Battle.class);
        // pausing may close a step of the agents' clock, so its handler takes the candle source
        fixture.registerInjectableResource(new BattleTradingTest.InMemoryCandles(java.util.List.of()));
    }

    private static CreateBattle create(String preset, BattleConfigChanges changes, List<Entrant> entrants) {
        return new CreateBattle(BATTLE, OWNER, "Sprint", preset, null, changes, entrants, null, T0);
    }

    @Nested
    class Creating {

        @Test
        void aPresetBattleStartsAsADraftWithTheResolvedConfig() {
            fixture.givenNoPriorActivity()
                    .when(create("quick_1h", null, List.of()))
                    .expectEvents(created(QUICK));
        }

        @Test
        void withoutPresetTheDefaultsOfALiveBattleApply() {
            BattleConfig defaults = BattleConfigResolver.forNewBattle(null, null, T0);
            fixture.givenNoPriorActivity()
                    .when(create(null, null, List.of()))
                    .expectEvents(created(defaults));
        }

        @Test
        void entrantsJoinAtOnceSoARematchIsBornPending() {
            BattleConfig source = HISTORICAL_DAY.withWindow(Instant.parse("2025-01-15T00:00:00Z"),
                    Instant.parse("2025-01-16T00:00:00Z"));
            fixture.givenNoPriorActivity()
                    .when(new CreateBattle(BATTLE, OWNER, "Rematch", null, source, null,
                            List.of(entrant(AGENT_A), entrant(AGENT_B)), "battle-0", T0))
                    .expectEvents(new BattleCreated(BATTLE, OWNER, "Rematch", source, "battle-0", T0),
                            added(AGENT_A), added(AGENT_B));
        }

        @Test
        void theSameEntrantTwiceIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(create(null, null, List.of(entrant(AGENT_A), entrant(AGENT_A))))
                    .expectException(refusal(ErrorCode.AGENT_ALREADY_IN_BATTLE, Map.of("agent_id", AGENT_A)));
        }

        @Test
        void anUnknownPresetIsABadRequestNamingTheField() {
            fixture.givenNoPriorActivity()
                    .when(create("quick_2h", null, List.of()))
                    .expectException(invalidField("preset"));
        }

        @Test
        void aBlankNameIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new CreateBattle(BATTLE, OWNER, "  ", null, null, null, List.of(), null, T0))
                    .expectException(invalidField("name"));
        }

        @Test
        void anInvalidConfigIsRefusedBeforeAnythingHappens() {
            fixture.givenNoPriorActivity()
                    .when(create(null, new BattleConfigChanges(null, null, new BigDecimal("-5"), null, null, null,
                            null, null, null, null, null), List.of()))
                    .expectException(invalidField("starting_balance"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Editing {

        private final BattleConfigChanges doubleBalance = new BattleConfigChanges(null, "sharpe_ratio",
                new BigDecimal("20000"), null, null, null, null, null, null, null, null);

        @Test
        void aDraftTakesAPartialEdit() {
            BattleConfig expected = BattleConfigResolver.forChange(QUICK, null, doubleBalance, T1);
            fixture.given(created())
                    .when(new UpdateBattle(BATTLE, OWNER, null, null, doubleBalance, T1))
                    .expectEvents(new BattleConfigUpdated(BATTLE, OWNER, "Sprint", expected, T1));
        }

        @Test
        void aPendingBattleTakesARenameAndANewPreset() {
            BattleConfig marathon = BattleConfigResolver.forNewBattle("marathon", null, T1);
            fixture.given(created(), added(AGENT_A))
                    .when(new UpdateBattle(BATTLE, OWNER, "Long run", "marathon", null, T1))
                    .expectEvents(new BattleConfigUpdated(BATTLE, OWNER, "Long run", marathon, T1));
        }

        @Test
        void aPresetsPairRestrictionSurvivesEdits() {
            fixture.given(created(BattleConfigResolver.forNewBattle("scalper_duel", null, T0)))
                    .when(new UpdateBattle(BATTLE, OWNER, null, null, new BattleConfigChanges(null, null, null, null,
                            null, null, null, List.of("SOLUSDT"), null, null, null), T1))
                    .expectException(invalidField("pairs"));
        }

        @Test
        void aRunningBattleCannotBeEdited() {
            fixture.given(activeBattle())
                    .when(new UpdateBattle(BATTLE, OWNER, "x", null, null, T2))
                    .expectException(illegalTransition("active", "update"));
        }

        @Test
        void aFinishedBattleCannotBeEdited() {
            fixture.given(completedBattle())
                    .when(new UpdateBattle(BATTLE, OWNER, "x", null, null, T2))
                    .expectException(illegalTransition("completed", "update"));
        }
    }

    @Nested
    class Roster {

        @Test
        void theFirstParticipantMakesADraftPending() {
            fixture.given(created())
                    .when(new AddParticipant(BATTLE, OWNER, entrant(AGENT_A), T0))
                    .expectEvents(added(AGENT_A));
        }

        @Test
        void furtherParticipantsKeepItPending() {
            fixture.given(created(), added(AGENT_A))
                    .when(new AddParticipant(BATTLE, OWNER, entrant(AGENT_B), T0))
                    .expectEvents(added(AGENT_B));
        }

        @Test
        void theSameAgentCannotJoinTwice() {
            fixture.given(created(), added(AGENT_A))
                    .when(new AddParticipant(BATTLE, OWNER, entrant(AGENT_A), T0))
                    .expectException(refusal(ErrorCode.AGENT_ALREADY_IN_BATTLE));
        }

        @Test
        void anotherAccountsAgentIsNotFound() {
            fixture.given(created())
                    .when(new AddParticipant(BATTLE, OWNER, new Entrant(AGENT_C, STRANGER, "theirs"), T0))
                    .expectException(refusal(ErrorCode.AGENT_NOT_FOUND, Map.of("agent_id", AGENT_C)));
        }

        @Test
        void theRosterIsBounded() {
            List<Object> given = new ArrayList<>(List.of(created()));
            for (int i = 0; i < Battle.MAX_PARTICIPANTS; i++) {
                given.add(added("agent-" + i));
            }
            fixture.given(given)
                    .when(new AddParticipant(BATTLE, OWNER, entrant(AGENT_C), T0))
                    .expectException(refusal(ErrorCode.TOO_MANY_PARTICIPANTS));
        }

        @Test
        void nobodyJoinsARunningBattle() {
            fixture.given(activeBattle())
                    .when(new AddParticipant(BATTLE, OWNER, entrant(AGENT_C), T2))
                    .expectException(illegalTransition("active", "add_participant"));
        }

        @Test
        void removingTheLastParticipantReturnsToDraft() {
            fixture.given(created(), added(AGENT_A))
                    .when(new RemoveParticipant(BATTLE, OWNER, AGENT_A, T1))
                    .expectEvents(new ParticipantRemoved(BATTLE, OWNER, AGENT_A, BattleStatus.DRAFT, T1));
        }

        @Test
        void removingOneOfSeveralStaysPending() {
            fixture.given(created(), added(AGENT_A), added(AGENT_B))
                    .when(new RemoveParticipant(BATTLE, OWNER, AGENT_A, T1))
                    .expectEvents(new ParticipantRemoved(BATTLE, OWNER, AGENT_A, BattleStatus.PENDING, T1));
        }

        @Test
        void removingSomeoneWhoIsNotThereIsNotFound() {
            fixture.given(created(), added(AGENT_A))
                    .when(new RemoveParticipant(BATTLE, OWNER, AGENT_C, T1))
                    .expectException(refusal(ErrorCode.PARTICIPANT_NOT_FOUND, Map.of("agent_id", AGENT_C)));
        }

        @Test
        void nobodyLeavesARunningBattle() {
            fixture.given(pausedBattle())
                    .when(new RemoveParticipant(BATTLE, OWNER, AGENT_A, T2))
                    .expectException(illegalTransition("paused", "remove_participant"));
        }
    }

    @Nested
    class Starting {

        private final Instant windowStart = Instant.parse("2025-01-15T00:00:00Z");
        private final Instant windowEnd = Instant.parse("2025-01-16T00:00:00Z");

        private HistoricalStart coverage(Instant start, Instant end) {
            return new HistoricalStart(start, end, CandleInterval.ONE_MINUTE, List.of("BTCUSDT", "ETHUSDT"), 1440, "abc123");
        }

        @Test
        void aPendingBattleWithTwoParticipantsStarts() {
            fixture.given(created(), added(AGENT_A), added(AGENT_B))
                    .when(new StartBattle(BATTLE, OWNER, null, null, T1))
                    .expectEvents(new BattleStarted(BATTLE, OWNER, QUICK, List.of(AGENT_A, AGENT_B), null,
                            Map.of(AGENT_A, RiskConfig.defaults(), AGENT_B, RiskConfig.defaults()), FIVE_SECONDS, T1));
        }

        @Test
        void aDraftCannotStart() {
            fixture.given(created())
                    .when(new StartBattle(BATTLE, OWNER, null, null, T1))
                    .expectException(illegalTransition("draft", "start"));
        }

        @Test
        void oneParticipantIsNotABattle() {
            fixture.given(created(), added(AGENT_A))
                    .when(new StartBattle(BATTLE, OWNER, null, null, T1))
                    .expectException(refusal(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("from", "pending", "action", "start", "participant_count", 1)));
        }

        @Test
        void aRunningBattleCannotStartAgain() {
            fixture.given(activeBattle())
                    .when(new StartBattle(BATTLE, OWNER, null, null, T2))
                    .expectException(illegalTransition("active", "start"));
        }

        @Test
        void aFinishedBattleCannotStartAgain() {
            fixture.given(cancelledBattle())
                    .when(new StartBattle(BATTLE, OWNER, null, null, T2))
                    .expectException(illegalTransition("cancelled", "start"));
        }

        @Test
        void aHistoricalBattleNeedsItsDataCovered() {
            fixture.given(created(HISTORICAL_DAY), added(AGENT_A), added(AGENT_B))
                    .when(new StartBattle(BATTLE, OWNER, null, null, T1))
                    .expectException(refusal(ErrorCode.DATA_NOT_COVERED));
        }

        @Test
        void aHistoricalBattleLocksTheWindowTheCoverageResolved() {
            HistoricalStart historical = coverage(windowStart, windowEnd);
            fixture.given(created(HISTORICAL_DAY), added(AGENT_A), added(AGENT_B))
                    .when(new StartBattle(BATTLE, OWNER, historical, null, T1))
                    .expectEvents(new BattleStarted(BATTLE, OWNER, HISTORICAL_DAY.withWindow(windowStart, windowEnd),
                            List.of(AGENT_A, AGENT_B), historical,
                            Map.of(AGENT_A, RiskConfig.defaults(), AGENT_B, RiskConfig.defaults()), null, T1));
        }

        @Test
        void coveragePreparedForAnotherConfigIsStale() {
            fixture.given(created(HISTORICAL_DAY), added(AGENT_A), added(AGENT_B))
                    .when(new StartBattle(BATTLE, OWNER, coverage(windowStart, windowEnd.plusSeconds(3600)), null, T1))
                    .expectException(refusal(ErrorCode.CONCURRENT_MODIFICATION));
        }
    }

    @Nested
    class PausingAndResuming {

        @Test
        void pausingAParticipantPausesTheBattle() {
            fixture.given(activeBattle())
                    .when(new PauseParticipant(BATTLE, OWNER, AGENT_A, T2))
                    .expectEvents(new ParticipantPaused(BATTLE, OWNER, AGENT_A, BattleStatus.PAUSED, T2));
        }

        @Test
        void aSecondParticipantCanBePausedToo() {
            fixture.given(pausedBattle())
                    .when(new PauseParticipant(BATTLE, OWNER, AGENT_B, T2))
                    .expectEvents(new ParticipantPaused(BATTLE, OWNER, AGENT_B, BattleStatus.PAUSED, T2));
        }

        @Test
        void theBattleStaysPausedWhileAnyoneIsPaused() {
            fixture.given(append(pausedBattle(), new ParticipantPaused(BATTLE, OWNER, AGENT_B, BattleStatus.PAUSED, T1)))
                    .when(new ResumeParticipant(BATTLE, OWNER, AGENT_A, T2))
                    .expectEvents(new ParticipantResumed(BATTLE, OWNER, AGENT_A, BattleStatus.PAUSED, T2));
        }

        @Test
        void resumingTheLastPausedParticipantMakesItActive() {
            fixture.given(pausedBattle())
                    .when(new ResumeParticipant(BATTLE, OWNER, AGENT_A, T2))
                    .expectEvents(new ParticipantResumed(BATTLE, OWNER, AGENT_A, BattleStatus.ACTIVE, T2));
        }

        @Test
        void aPausedParticipantCannotBePausedAgain() {
            fixture.given(pausedBattle())
                    .when(new PauseParticipant(BATTLE, OWNER, AGENT_A, T2))
                    .expectException(refusal(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("from", "paused", "action", "pause", "agent_id", AGENT_A)));
        }

        @Test
        void anActiveParticipantCannotBeResumed() {
            fixture.given(pausedBattle())
                    .when(new ResumeParticipant(BATTLE, OWNER, AGENT_B, T2))
                    .expectException(refusal(ErrorCode.INVALID_STATE_TRANSITION,
                            Map.of("from", "active", "action", "resume", "agent_id", AGENT_B)));
        }

        @Test
        void nobodyPausesBeforeTheStart() {
            fixture.given(created(), added(AGENT_A), added(AGENT_B))
                    .when(new PauseParticipant(BATTLE, OWNER, AGENT_A, T1))
                    .expectException(illegalTransition("pending", "pause"));
        }

        @Test
        void nobodyResumesAfterTheEnd() {
            fixture.given(completedBattle())
                    .when(new ResumeParticipant(BATTLE, OWNER, AGENT_A, T2))
                    .expectException(illegalTransition("completed", "resume"));
        }

        @Test
        void pausingAStrangerIsNotFound() {
            fixture.given(activeBattle())
                    .when(new PauseParticipant(BATTLE, OWNER, AGENT_C, T2))
                    .expectException(refusal(ErrorCode.PARTICIPANT_NOT_FOUND, Map.of("agent_id", AGENT_C)));
        }
    }

    @Nested
    class Stopping {

        @Test
        void anActiveBattleCompletesWithARankingAndItsDigest() {
            fixture.given(activeBattle())
                    .when(new StopBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleStopped(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(AGENT_A, AGENT_B),
                            List.of(), FinalRanking.digest(List.of()), T2));
        }

        @Test
        void aPausedBattleCanBeStopped() {
            fixture.given(pausedBattle())
                    .when(new StopBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleStopped(BATTLE, OWNER, BattleStatus.PAUSED, List.of(AGENT_A, AGENT_B),
                            List.of(), FinalRanking.digest(List.of()), T2));
        }

        @Test
        void aBattleThatNeverStartedCannotBeStopped() {
            fixture.given(created(), added(AGENT_A))
                    .when(new StopBattle(BATTLE, OWNER, T2))
                    .expectException(illegalTransition("pending", "stop"));
        }

        @Test
        void aCompletedBattleCannotBeStoppedAgain() {
            fixture.given(completedBattle())
                    .when(new StopBattle(BATTLE, OWNER, T2))
                    .expectException(illegalTransition("completed", "stop"));
        }

        @Test
        void aCancelledBattleCannotBeStopped() {
            fixture.given(cancelledBattle())
                    .when(new StopBattle(BATTLE, OWNER, T2))
                    .expectException(illegalTransition("cancelled", "stop"));
        }
    }

    @Nested
    class Cancelling {

        @Test
        void aDraftIsCancelledWithNobodyToRelease() {
            fixture.given(created())
                    .when(new CancelBattle(BATTLE, OWNER, T1))
                    .expectEvents(new BattleCancelled(BATTLE, OWNER, BattleStatus.DRAFT, List.of(), T1));
        }

        @Test
        void aPendingBattleIsCancelledWithNobodyToRelease() {
            fixture.given(created(), added(AGENT_A))
                    .when(new CancelBattle(BATTLE, OWNER, T1))
                    .expectEvents(new BattleCancelled(BATTLE, OWNER, BattleStatus.PENDING, List.of(), T1));
        }

        @Test
        void anActiveBattleIsCancelledReleasingItsParticipants() {
            fixture.given(activeBattle())
                    .when(new CancelBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleCancelled(BATTLE, OWNER, BattleStatus.ACTIVE, List.of(AGENT_A, AGENT_B), T2));
        }

        @Test
        void aPausedBattleIsCancelledReleasingItsParticipants() {
            fixture.given(pausedBattle())
                    .when(new CancelBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleCancelled(BATTLE, OWNER, BattleStatus.PAUSED, List.of(AGENT_A, AGENT_B), T2));
        }

        @Test
        void aCompletedBattleCannotBeCancelled() {
            fixture.given(completedBattle())
                    .when(new CancelBattle(BATTLE, OWNER, T2))
                    .expectException(illegalTransition("completed", "cancel"));
        }

        @Test
        void aCancelledBattleCannotBeCancelledAgain() {
            fixture.given(cancelledBattle())
                    .when(new CancelBattle(BATTLE, OWNER, T2))
                    .expectException(illegalTransition("cancelled", "cancel"));
        }
    }

    @Nested
    class Deleting {

        @Test
        void aDraftIsDeleted() {
            fixture.given(created())
                    .when(new DeleteBattle(BATTLE, OWNER, T1))
                    .expectEvents(new BattleDeleted(BATTLE, OWNER, BattleStatus.DRAFT, T1))
                    .expectMarkedDeleted();
        }

        @Test
        void aPendingBattleIsDeleted() {
            fixture.given(created(), added(AGENT_A))
                    .when(new DeleteBattle(BATTLE, OWNER, T1))
                    .expectEvents(new BattleDeleted(BATTLE, OWNER, BattleStatus.PENDING, T1))
                    .expectMarkedDeleted();
        }

        @Test
        void aDeletedBattleTakesNoFurtherCommand() {
            fixture.given(created(), new BattleDeleted(BATTLE, OWNER, BattleStatus.DRAFT, T1))
                    .when(new AddParticipant(BATTLE, OWNER, entrant(AGENT_A), T2))
                    .expectException(AggregateDeletedException.class);
        }

        @Test
        void aRunningBattleIsCancelledInstead() {
            fixture.given(pausedBattle())
                    .when(new DeleteBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleCancelled(BATTLE, OWNER, BattleStatus.PAUSED, List.of(AGENT_A, AGENT_B), T2));
        }

        @Test
        void aCompletedBattleIsHidden() {
            fixture.given(completedBattle())
                    .when(new DeleteBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleHidden(BATTLE, OWNER, BattleStatus.COMPLETED, T2));
        }

        @Test
        void aCancelledBattleIsHidden() {
            fixture.given(cancelledBattle())
                    .when(new DeleteBattle(BATTLE, OWNER, T2))
                    .expectEvents(new BattleHidden(BATTLE, OWNER, BattleStatus.CANCELLED, T2));
        }

        @Test
        void hidingTwiceIsHidingOnce() {
            fixture.given(append(cancelledBattle(), new BattleHidden(BATTLE, OWNER, BattleStatus.CANCELLED, T2)))
                    .when(new DeleteBattle(BATTLE, OWNER, T2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    static Stream<Object> everyCommandOfAStranger() {
        return Stream.of(
                new UpdateBattle(BATTLE, STRANGER, "mine now", null, null, T2),
                new AddParticipant(BATTLE, STRANGER, new Entrant(AGENT_C, STRANGER, "theirs"), T2),
                new RemoveParticipant(BATTLE, STRANGER, AGENT_A, T2),
                new StartBattle(BATTLE, STRANGER, null, null, T2),
                new PauseParticipant(BATTLE, STRANGER, AGENT_A, T2),
                new ResumeParticipant(BATTLE, STRANGER, AGENT_A, T2),
                new StopBattle(BATTLE, STRANGER, T2),
                new CancelBattle(BATTLE, STRANGER, T2),
                new DeleteBattle(BATTLE, STRANGER, T2));
    }

    @ParameterizedTest
    @MethodSource("everyCommandOfAStranger")
    void anotherAccountIsToldTheBattleDoesNotExist(Object command) {
        fixture.given(created(), added(AGENT_A), added(AGENT_B))
                .when(command)
                .expectException(refusal(ErrorCode.BATTLE_NOT_FOUND, Map.of("battle_id", BATTLE)))
                .expectNoEvents();
    }
}
