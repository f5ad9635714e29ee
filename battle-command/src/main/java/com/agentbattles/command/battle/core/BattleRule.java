package com.agentbattles.command.battle.core;

import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.engine.Execution;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** What every rule of a battle shares: the state it decides on and where its events go. */
abstract class BattleRule {

    final BattleState state;
    final BattleRecorder recorder;

    BattleRule(BattleState state, BattleRecorder recorder) {
        this.state = state;
        this.recorder = recorder;
    }

    final void record(Object event) {
        recorder.record(event);
    }

    final String battleId() {
        return state.battleId();
    }

    final String accountId() {
        return state.accountId();
    }

    final TradingFloor floor() {
        return state.floor();
    }

    /**
     * What the market did to a resting order: a fill, or a cancel with the engine's reason (a
     * triggered buy that gapped beyond what the agent can pay), recorded at {@code step}.
     */
    final void recordExecution(String agentId, Execution execution, long step, Instant at) {
        if (execution instanceof Execution.Filled filled) {
            record(new OrderFilled(battleId(), accountId(), agentId, filled.fill(), step));
        } else if (execution instanceof Execution.Cancelled cancelled) {
            record(new OrderCancelled(battleId(), accountId(), agentId, cancelled.orderId(),
                    cancelled.code().name().toLowerCase(Locale.ROOT), step, at));
        }
    }

    final void requireRunning(String action) {
        if (!state.status().isRunning()) {
            throw state.status().refuse(action);
        }
    }

    final void requireEditable(String action) {
        if (!state.status().isEditable()) {
            throw state.status().refuse(action);
        }
    }

    final BattleState.Participant requireParticipant(String agentId) {
        BattleState.Participant participant = agentId == null ? null : state.participants().get(agentId);
        if (participant == null) {
            throw new DomainException(ErrorCode.PARTICIPANT_NOT_FOUND,
                    "agent " + agentId + " does not take part in battle " + battleId(),
                    agentId == null ? Map.of("battle_id", battleId()) : Map.of("battle_id", battleId(), "agent_id", agentId));
        }
        return participant;
    }

    final DomainException participantRefusal(String agentId, ParticipantStatus status, String action) {
        return new DomainException(ErrorCode.INVALID_STATE_TRANSITION,
                "cannot " + action + " participant " + agentId + ": it is " + status.code(),
                Map.of("from", status.code(), "action", action, "agent_id", agentId));
    }
}
