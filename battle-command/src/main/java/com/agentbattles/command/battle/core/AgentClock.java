package com.agentbattles.command.battle.core;

import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleTradingCommands.DeclareStepDone;
import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fair clock of a historical battle ({@code clock: agents}): a step closes when every active
 * participant is done with it, or when its time-out passes with some still deciding. Both are
 * recorded ({@link ParticipantReady}, {@link StepTimedOut}) before the candle they release, so the
 * log says what moved the clock and the audit can move it again the same way.
 */
public final class AgentClock extends BattleRule {

    public AgentClock(BattleState state, BattleRecorder recorder) {
        super(state, recorder);
    }

    /** A participant is done with the step; the last one still deciding moves the clock. */
    public StepOutcome done(DeclareStepDone command, BattleCandles candles) {
        requireRunning("step");
        requireAgentsClock();
        BattleState.Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.ACTIVE) {
            throw participantRefusal(command.agentId(), participant.status(), "step");
        }
        long step = floor().step();
        requireOpen(command.forStep(), step);
        if (!state.doneWithStep(command.agentId())) {
            record(new ParticipantReady(battleId(), accountId(), command.agentId(), step, command.requestedAt(),
                    command.rationale()));
            closeIfNobodyDeciding(command.requestedAt(), candles);
        }
        return session().outcome();
    }

    /**
     * The deadline of {@code step} passed. A deadline of a step that already closed, of a finished
     * battle or of a step nobody is active on (everyone paused) changes nothing.
     */
    public void timeOut(long step, Instant deadline, BattleCandles candles) {
        if (!state.started() || !state.status().isRunning() || !state.config().agentsMoveTheClock()
                || floor().step() != step) {
            return;
        }
        List<String> skipped = state.stillDeciding();
        if (skipped.isEmpty()) {
            return;
        }
        record(new StepTimedOut(battleId(), accountId(), step, skipped, deadline));
        session().advance(1, deadline, candles);
    }

    /** The owner pauses a participant: the clock stops waiting for it. */
    public void pause(PauseParticipant command, BattleCandles candles) {
        new Roster(state, recorder).pause(command);
        if (state.config().agentsMoveTheClock() && !state.status().isFinished()) {
            closeIfNobodyDeciding(command.pausedAt(), candles);
        }
    }

    /**
     * An order sent for a step of the agents' clock must still be open: an agent that decided on
     * the candle of step 4 must not trade on step 5's prices without knowing it.
     */
    public static void requireOpen(BattleState state, Long forStep) {
        if (forStep != null && state.started()) {
            requireOpen(forStep, state.floor().step(), state.battleId());
        }
    }

    private void requireOpen(Long forStep, long step) {
        if (forStep != null) {
            requireOpen(forStep, step, battleId());
        }
    }

    private static void requireOpen(long forStep, long step, String battleId) {
        if (forStep != step) {
            throw new DomainException(ErrorCode.STEP_CLOSED, "step " + forStep + " is not open: the battle is at step "
                    + step, Map.of("battle_id", battleId, "step", step, "requested_step", forStep));
        }
    }

    private void closeIfNobodyDeciding(Instant at, BattleCandles candles) {
        if (!state.activeAgentIds().isEmpty() && state.stillDeciding().isEmpty()) {
            session().advance(1, at, candles);
        }
    }

    private void requireAgentsClock() {
        if (!state.config().agentsMoveTheClock()) {
            // not the participants' to move: as before the agents' clock, an agent's key may not step it
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "the owner moves this battle's clock: only the owner's token steps it",
                    Map.of("battle_id", battleId(), "clock", state.config().clockMode().code()));
        }
    }

    private HistoricalSession session() {
        return new HistoricalSession(state, recorder);
    }
}
