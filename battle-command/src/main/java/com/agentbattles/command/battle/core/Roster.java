package com.agentbattles.command.battle.core;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.BattleCommands.AddParticipant;
import com.agentbattles.domain.battle.BattleCommands.CreateBattle;
import com.agentbattles.domain.battle.BattleCommands.Entrant;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleCommands.RemoveParticipant;
import com.agentbattles.domain.battle.BattleCommands.ResumeParticipant;
import com.agentbattles.domain.battle.BattleCommands.StartBattle;
import com.agentbattles.domain.battle.BattleCommands.UpdateBattle;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleConfigResolver;
import com.agentbattles.domain.battle.BattleEvents.BattleConfigUpdated;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who plays and when the battle starts: the draft and pending phases (config, roster), the start
 * that locks both, and pausing or resuming a participant while it runs.
 */
public final class Roster extends BattleRule {

    /** A bound on the roster so that a battle stays cheap to load, rank and display. */
    public static final int MAX_PARTICIPANTS = 50;
    public static final int MIN_PARTICIPANTS_TO_START = 2;

    public Roster(BattleState state, BattleRecorder recorder) {
        super(state, recorder);
    }

    /**
     * A new battle. Checked from the command alone: Axon applies a constructor's events only once
     * it returns, so the state is not there to ask yet.
     */
    public static void create(CreateBattle command, BattleRecorder recorder) {
        String validName = BattleConfigResolver.name(command.name());
        BattleConfig resolved = command.baseConfig() == null
                ? BattleConfigResolver.forNewBattle(command.preset(), command.changes(), command.createdAt())
                : BattleConfigResolver.forChange(command.baseConfig(), command.preset(), command.changes(), command.createdAt());
        Set<String> seen = new HashSet<>();
        for (Entrant entrant : command.entrants()) {
            requireOwnedBy(command.accountId(), entrant);
            if (!seen.add(entrant.agentId())) {
                throw alreadyIn(entrant.agentId(), command.battleId());
            }
        }
        if (seen.size() > MAX_PARTICIPANTS) {
            throw tooManyParticipants(command.battleId());
        }
        recorder.record(new BattleCreated(command.battleId(), command.accountId(), validName, resolved,
                command.rematchOf(), command.createdAt()));
        for (Entrant entrant : command.entrants()) {
            recorder.record(new ParticipantAdded(command.battleId(), command.accountId(), entrant.agentId(),
                    entrant.agentName(), BattleStatus.PENDING, command.createdAt()));
        }
    }

    public void update(UpdateBattle command) {
        requireEditable("update");
        String newName = command.name() == null ? state.name() : BattleConfigResolver.name(command.name());
        BattleConfig updated = BattleConfigResolver.forChange(state.config(), command.preset(), command.changes(),
                command.updatedAt());
        record(new BattleConfigUpdated(battleId(), accountId(), newName, updated, command.updatedAt()));
    }

    public void add(AddParticipant command) {
        requireEditable("add_participant");
        Entrant entrant = command.entrant();
        requireOwnedBy(accountId(), entrant);
        if (state.participants().containsKey(entrant.agentId())) {
            throw alreadyIn(entrant.agentId(), battleId());
        }
        if (state.participants().size() >= MAX_PARTICIPANTS) {
            throw tooManyParticipants(battleId());
        }
        record(new ParticipantAdded(battleId(), accountId(), entrant.agentId(), entrant.agentName(), BattleStatus.PENDING,
                command.joinedAt()));
    }

    public void remove(RemoveParticipant command) {
        requireEditable("remove_participant");
        requireParticipant(command.agentId());
        record(new ParticipantRemoved(battleId(), accountId(), command.agentId(),
                BattleStatus.beforeStart(state.participants().size() - 1), command.removedAt()));
    }

    public void start(StartBattle command) {
        BattleStatus status = state.status();
        if (status != BattleStatus.PENDING) {
            throw status.refuse("start");
        }
        int count = state.participants().size();
        if (count < MIN_PARTICIPANTS_TO_START) {
            throw status.refuse("start", Map.of("reason", "a battle needs at least " + MIN_PARTICIPANTS_TO_START
                    + " participants", "participant_count", count, "required_participants", MIN_PARTICIPANTS_TO_START));
        }
        BattleConfig config = state.config();
        BattleConfig locked;
        HistoricalStart historical = null;
        Duration snapshotInterval = null;
        if (config.isHistorical()) {
            historical = requireFitting(command.historical());
            locked = config.withWindow(historical.startTime(), historical.endTime());
        } else {
            // a live battle without its own pairs trades what the server offers, fixed from here on
            locked = config.pairs().isEmpty() ? config.withPairs(command.live().offeredPairs()) : config;
            snapshotInterval = command.live().snapshotInterval();
        }
        Map<String, RiskConfig> risk = new LinkedHashMap<>();
        state.participants().keySet().forEach(agentId ->
                risk.put(agentId, command.riskProfiles().getOrDefault(agentId, RiskConfig.defaults())));
        record(new BattleStarted(battleId(), accountId(), locked, state.agentIds(), historical, risk, snapshotInterval,
                command.startedAt()));
    }

    public void pause(PauseParticipant command) {
        requireRunning("pause");
        BattleState.Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.ACTIVE) {
            throw participantRefusal(command.agentId(), participant.status(), "pause");
        }
        record(new ParticipantPaused(battleId(), accountId(), command.agentId(), BattleStatus.PAUSED, command.pausedAt()));
    }

    public void resume(ResumeParticipant command) {
        requireRunning("resume");
        BattleState.Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.PAUSED) {
            throw participantRefusal(command.agentId(), participant.status(), "resume");
        }
        long stillPaused = state.participants().values().stream()
                .filter(p -> p.status() == ParticipantStatus.PAUSED).count() - 1;
        record(new ParticipantResumed(battleId(), accountId(), command.agentId(),
                stillPaused > 0 ? BattleStatus.PAUSED : BattleStatus.ACTIVE, command.resumedAt()));
    }

    private HistoricalStart requireFitting(HistoricalStart historical) {
        if (historical == null) {
            throw new DomainException(ErrorCode.DATA_NOT_COVERED,
                    "the stored candles do not cover this historical battle", Map.of("battle_id", battleId()));
        }
        if (!historical.fits(state.config())) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                    "the battle's config changed while it was being started; retry", Map.of("battle_id", battleId()));
        }
        return historical;
    }

    /** The caller found the agent in the owner's read model; this guards against a mix-up of accounts. */
    private static void requireOwnedBy(String owner, Entrant entrant) {
        if (entrant == null || entrant.agentId() == null || !owner.equals(entrant.agentAccountId())) {
            String agentId = entrant == null ? null : entrant.agentId();
            throw new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found",
                    agentId == null ? Map.of() : Map.of("agent_id", agentId));
        }
    }

    private static DomainException alreadyIn(String agentId, String battleId) {
        return new DomainException(ErrorCode.AGENT_ALREADY_IN_BATTLE,
                "agent " + agentId + " already takes part in this battle", Map.of("agent_id", agentId, "battle_id", battleId));
    }

    private static DomainException tooManyParticipants(String battleId) {
        return new DomainException(ErrorCode.TOO_MANY_PARTICIPANTS,
                "a battle takes at most " + MAX_PARTICIPANTS + " participants",
                Map.of("battle_id", battleId, "max_participants", MAX_PARTICIPANTS));
    }
}
