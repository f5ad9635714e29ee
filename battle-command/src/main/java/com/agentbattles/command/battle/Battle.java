package com.agentbattles.command.battle;

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
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A competition between agents of one account, from its draft to its end. Owns the state machine
 * of spec/README.md point 1; another account's request is refused as "not found".
 * <p>
 * This part covers the lifecycle only. Historical stepping, orders and results plug in here:
 * the sandboxes are created from {@link BattleStarted} (its {@link HistoricalStart} fixes the
 * data), and {@link #finalRankings()} is where stop computes the ranking.
 */
@Aggregate
public class Battle {

    /** A bound on the roster so that a battle stays cheap to load, rank and display. */
    static final int MAX_PARTICIPANTS = 50;
    static final int MIN_PARTICIPANTS_TO_START = 2;

    @AggregateIdentifier
    private String battleId;
    private String accountId;
    private String name;
    private BattleStatus status;
    private BattleConfig config;
    /** In joining order: it breaks ranking ties, so it must be deterministic. */
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private boolean hidden;

    private record Participant(String agentName, ParticipantStatus status) {
        Participant with(ParticipantStatus newStatus) {
            return new Participant(agentName, newStatus);
        }
    }

    protected Battle() {
        // for Axon
    }

    @CommandHandler
    public Battle(CreateBattle command) {
        String validName = BattleConfigResolver.name(command.name());
        BattleConfig resolved = command.baseConfig() == null
                ? BattleConfigResolver.forNewBattle(command.preset(), command.changes(), command.createdAt())
                : BattleConfigResolver.forChange(command.baseConfig(), command.preset(), command.changes(), command.createdAt());
        // Axon applies events of a constructor only once it returns, so the roster is checked here
        // from the command alone rather than through admit()
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
        apply(new BattleCreated(command.battleId(), command.accountId(), validName, resolved, command.rematchOf(),
                command.createdAt()));
        for (Entrant entrant : command.entrants()) {
            apply(new ParticipantAdded(command.battleId(), command.accountId(), entrant.agentId(), entrant.agentName(),
                    BattleStatus.PENDING, command.createdAt()));
        }
    }

    @CommandHandler
    public void handle(UpdateBattle command) {
        requireOwner(command.accountId());
        requireEditable("update");
        String newName = command.name() == null ? name : BattleConfigResolver.name(command.name());
        BattleConfig updated = BattleConfigResolver.forChange(config, command.preset(), command.changes(), command.updatedAt());
        apply(new BattleConfigUpdated(battleId, accountId, newName, updated, command.updatedAt()));
    }

    @CommandHandler
    public void handle(AddParticipant command) {
        requireOwner(command.accountId());
        requireEditable("add_participant");
        admit(command.entrant(), command.joinedAt());
    }

    @CommandHandler
    public void handle(RemoveParticipant command) {
        requireOwner(command.accountId());
        requireEditable("remove_participant");
        requireParticipant(command.agentId());
        apply(new ParticipantRemoved(battleId, accountId, command.agentId(),
                BattleStatus.beforeStart(participants.size() - 1), command.removedAt()));
    }

    @CommandHandler
    public void handle(StartBattle command) {
        requireOwner(command.accountId());
        if (status != BattleStatus.PENDING) {
            throw status.refuse("start");
        }
        if (participants.size() < MIN_PARTICIPANTS_TO_START) {
            throw status.refuse("start", Map.of("reason", "a battle needs at least " + MIN_PARTICIPANTS_TO_START
                            + " participants", "participant_count", participants.size(),
                    "required_participants", MIN_PARTICIPANTS_TO_START));
        }
        BattleConfig locked = config;
        HistoricalStart historical = null;
        if (config.isHistorical()) {
            historical = requireFittingHistoricalStart(command.historical());
            locked = config.withWindow(historical.startTime(), historical.endTime());
        }
        apply(new BattleStarted(battleId, accountId, locked, List.copyOf(participants.keySet()), historical,
                command.startedAt()));
    }

    @CommandHandler
    public void handle(PauseParticipant command) {
        requireOwner(command.accountId());
        requireRunning("pause");
        Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.ACTIVE) {
            throw participantRefusal(command.agentId(), participant.status(), "pause");
        }
        apply(new ParticipantPaused(battleId, accountId, command.agentId(), BattleStatus.PAUSED, command.pausedAt()));
    }

    @CommandHandler
    public void handle(ResumeParticipant command) {
        requireOwner(command.accountId());
        requireRunning("resume");
        Participant participant = requireParticipant(command.agentId());
        if (participant.status() != ParticipantStatus.PAUSED) {
            throw participantRefusal(command.agentId(), participant.status(), "resume");
        }
        long stillPaused = participants.values().stream().filter(p -> p.status() == ParticipantStatus.PAUSED).count() - 1;
        apply(new ParticipantResumed(battleId, accountId, command.agentId(),
                stillPaused > 0 ? BattleStatus.PAUSED : BattleStatus.ACTIVE, command.resumedAt()));
    }

    @CommandHandler
    public void handle(StopBattle command) {
        requireOwner(command.accountId());
        requireRunning("stop");
        List<FinalRanking> rankings = finalRankings();
        apply(new BattleStopped(battleId, accountId, status, List.copyOf(participants.keySet()), rankings,
                FinalRanking.digest(rankings), command.stoppedAt()));
    }

    @CommandHandler
    public void handle(CancelBattle command) {
        requireOwner(command.accountId());
        cancel(command.cancelledAt());
    }

    @CommandHandler
    public void handle(DeleteBattle command) {
        requireOwner(command.accountId());
        if (status.isEditable()) {
            apply(new BattleDeleted(battleId, accountId, status, command.deletedAt()));
        } else if (status.isRunning()) {
            cancel(command.deletedAt());
        } else if (!hidden) {
            apply(new BattleHidden(battleId, accountId, status, command.deletedAt()));
        }
        // hiding twice is the same as hiding once
    }

    /**
     * Extension point for the results part: the final ranking of the participants, best first,
     * computed by the one metrics calculator from the state this aggregate holds (historical
     * sandboxes) or is given (live equity). Until then a battle stops with an empty ranking.
     */
    private List<FinalRanking> finalRankings() {
        return List.of();
    }

    private void cancel(Instant at) {
        if (!status.canCancel()) {
            throw status.refuse("cancel");
        }
        List<String> released = status.isRunning() ? List.copyOf(participants.keySet()) : List.of();
        apply(new BattleCancelled(battleId, accountId, status, released, at));
    }

    private void admit(Entrant entrant, Instant at) {
        requireOwnedBy(accountId, entrant);
        if (participants.containsKey(entrant.agentId())) {
            throw alreadyIn(entrant.agentId(), battleId);
        }
        if (participants.size() >= MAX_PARTICIPANTS) {
            throw tooManyParticipants(battleId);
        }
        apply(new ParticipantAdded(battleId, accountId, entrant.agentId(), entrant.agentName(), BattleStatus.PENDING, at));
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

    private HistoricalStart requireFittingHistoricalStart(HistoricalStart historical) {
        if (historical == null) {
            throw new DomainException(ErrorCode.DATA_NOT_COVERED,
                    "the stored candles do not cover this historical battle", Map.of("battle_id", battleId));
        }
        if (!historical.fits(config)) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                    "the battle's config changed while it was being started; retry", Map.of("battle_id", battleId));
        }
        return historical;
    }

    private void requireOwner(String requester) {
        if (!accountId.equals(requester)) {
            throw new DomainException(ErrorCode.BATTLE_NOT_FOUND, "battle " + battleId + " not found",
                    Map.of("battle_id", battleId));
        }
    }

    private void requireEditable(String action) {
        if (!status.isEditable()) {
            throw status.refuse(action);
        }
    }

    private void requireRunning(String action) {
        if (!status.isRunning()) {
            throw status.refuse(action);
        }
    }

    private Participant requireParticipant(String agentId) {
        Participant participant = agentId == null ? null : participants.get(agentId);
        if (participant == null) {
            throw new DomainException(ErrorCode.PARTICIPANT_NOT_FOUND,
                    "agent " + agentId + " does not take part in battle " + battleId,
                    agentId == null ? Map.of("battle_id", battleId) : Map.of("battle_id", battleId, "agent_id", agentId));
        }
        return participant;
    }

    private DomainException participantRefusal(String agentId, ParticipantStatus participantStatus, String action) {
        return new DomainException(ErrorCode.INVALID_STATE_TRANSITION,
                "cannot " + action + " participant " + agentId + ": it is " + participantStatus.code(),
                Map.of("from", participantStatus.code(), "action", action, "agent_id", agentId));
    }

    private static DomainException tooManyParticipants(String battleId) {
        return new DomainException(ErrorCode.TOO_MANY_PARTICIPANTS,
                "a battle takes at most " + MAX_PARTICIPANTS + " participants",
                Map.of("battle_id", battleId, "max_participants", MAX_PARTICIPANTS));
    }

    @EventSourcingHandler
    void on(BattleCreated event) {
        battleId = event.battleId();
        accountId = event.accountId();
        name = event.name();
        config = event.config();
        status = BattleStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(BattleConfigUpdated event) {
        name = event.name();
        config = event.config();
    }

    @EventSourcingHandler
    void on(ParticipantAdded event) {
        participants.put(event.agentId(), new Participant(event.agentName(), ParticipantStatus.ACTIVE));
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(ParticipantRemoved event) {
        participants.remove(event.agentId());
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(BattleStarted event) {
        config = event.config();
        status = BattleStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ParticipantPaused event) {
        participants.computeIfPresent(event.agentId(), (id, p) -> p.with(ParticipantStatus.PAUSED));
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(ParticipantResumed event) {
        participants.computeIfPresent(event.agentId(), (id, p) -> p.with(ParticipantStatus.ACTIVE));
        status = event.battleStatus();
    }

    @EventSourcingHandler
    void on(BattleStopped event) {
        status = BattleStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(BattleCancelled event) {
        status = BattleStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(BattleHidden event) {
        hidden = true;
    }

    @EventSourcingHandler
    void on(BattleDeleted event) {
        markDeleted();
    }
}
