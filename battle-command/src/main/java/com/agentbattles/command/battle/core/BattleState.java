package com.agentbattles.command.battle.core;

import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleConfigUpdated;
import com.agentbattles.domain.battle.BattleEvents.BattleCreated;
import com.agentbattles.domain.battle.BattleEvents.BattleDeleted;
import com.agentbattles.domain.battle.BattleEvents.BattleHidden;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import com.agentbattles.domain.battle.BattleEvents.ParticipantAdded;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleEvents.ParticipantPaused;
import com.agentbattles.domain.battle.BattleEvents.ParticipantRemoved;
import com.agentbattles.domain.battle.BattleEvents.ParticipantResumed;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.battle.BattleTradingEvents.StepTimedOut;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantNotProvisioned;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.WalletMode;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a battle's rules decide on, and nothing else: folded from the battle's events by
 * {@link #evolve}, the one place where a battle's state changes. The Axon aggregate, the audit's
 * re-derivation and its re-simulation all fold through here, so they cannot disagree on what an
 * event means. Events that change nothing (orders rejected, wallets closed) pass through.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class BattleState {

    /** One participant as the roster knows it; {@code eliminatedAt} is set once survival rules put it out. */
    public record Participant(String agentName, ParticipantStatus status, Instant eliminatedAt) {
        Participant with(ParticipantStatus newStatus) {
            return new Participant(agentName, newStatus, eliminatedAt);
        }
    }

    private String battleId;
    private String accountId;
    private String name;
    private BattleStatus status;
    private BattleConfig config;
    /** In joining order: it breaks ranking ties, so it must be deterministic. */
    private final LinkedHashMap<String, Participant> participants = new LinkedHashMap<>();
    private boolean hidden;
    private boolean deleted;
    /** Null until the battle starts. */
    private TradingFloor floor;
    private Instant startedAt;
    /** Agents' clock: who is done with the current step, and when the step opened. */
    private final LinkedHashSet<String> doneWithStep = new LinkedHashSet<>();
    private Instant stepOpenedAt;
    /** The readiness or time-out that will have closed the current step once its candle is recorded. */
    private Instant stepClosingAt;

    public BattleState evolve(Object event) {
        if (event instanceof BattleCreated e) {
            battleId = e.battleId();
            accountId = e.accountId();
            name = e.name();
            config = e.config();
            status = BattleStatus.DRAFT;
        } else if (event instanceof BattleConfigUpdated e) {
            name = e.name();
            config = e.config();
        } else if (event instanceof ParticipantAdded e) {
            participants.put(e.agentId(), new Participant(e.agentName(), ParticipantStatus.ACTIVE, null));
            status = e.battleStatus();
        } else if (event instanceof ParticipantRemoved e) {
            participants.remove(e.agentId());
            status = e.battleStatus();
        } else if (event instanceof BattleStarted e) {
            config = e.config();
            status = BattleStatus.ACTIVE;
            startedAt = e.startedAt();
            floor = TradingFloor.open(e);
            stepOpenedAt = e.startedAt();
        } else if (event instanceof ParticipantPaused e) {
            participants.computeIfPresent(e.agentId(), (id, p) -> p.with(ParticipantStatus.PAUSED));
            status = e.battleStatus();
        } else if (event instanceof ParticipantResumed e) {
            participants.computeIfPresent(e.agentId(), (id, p) -> p.with(ParticipantStatus.ACTIVE));
            status = e.battleStatus();
        } else if (event instanceof ParticipantEliminated e) {
            participants.computeIfPresent(e.agentId(),
                    (id, p) -> new Participant(p.agentName(), ParticipantStatus.ELIMINATED, e.eliminatedAt()));
            floor.eliminated(e.agentId(), e.eliminatedAt());
        } else if (event instanceof ParticipantNotProvisioned e) {
            participants.computeIfPresent(e.agentId(), (id, p) -> p.with(ParticipantStatus.NOT_PROVISIONED));
        } else if (event instanceof ParticipantWalletProvisioned e) {
            floor.provisioned(e.agentId(), e.holdings(), config.walletMode() != WalletMode.EXISTING);
        } else if (event instanceof LiveSnapshotTaken e) {
            floor.snapshotTaken(e);
        } else if (event instanceof BattleStepped e) {
            floor.stepped(e);
            doneWithStep.clear();
            if (stepClosingAt != null) {
                stepOpenedAt = stepClosingAt;
                stepClosingAt = null;
            }
        } else if (event instanceof ParticipantReady e) {
            doneWithStep.add(e.agentId());
            stepClosingAt = e.readyAt();
        } else if (event instanceof StepTimedOut e) {
            stepClosingAt = e.timedOutAt();
        } else if (event instanceof OrderPlaced e) {
            floor.placed(e.agentId(), e.order());
        } else if (event instanceof OrderFilled e) {
            floor.filled(e.agentId(), e.fill());
        } else if (event instanceof OrderCancelled e) {
            floor.cancelled(e.agentId(), e.orderId());
        } else if (event instanceof BattleStopped) {
            status = BattleStatus.COMPLETED;
        } else if (event instanceof BattleCancelled) {
            status = BattleStatus.CANCELLED;
        } else if (event instanceof BattleHidden) {
            hidden = true;
        } else if (event instanceof BattleDeleted) {
            deleted = true;
        }
        // anything else (rejections, closed wallets) is a fact for readers and changes no decision
        return this;
    }

    /** A recorder that only folds, for running the rules without a framework. */
    public BattleRecorder folding() {
        return this::evolve;
    }

    public String battleId() {
        return battleId;
    }

    public String accountId() {
        return accountId;
    }

    public String name() {
        return name;
    }

    public BattleStatus status() {
        return status;
    }

    public BattleConfig config() {
        return config;
    }

    public boolean historical() {
        return config.isHistorical();
    }

    public Map<String, Participant> participants() {
        return Collections.unmodifiableMap(participants);
    }

    public List<String> agentIds() {
        return List.copyOf(participants.keySet());
    }

    public boolean hidden() {
        return hidden;
    }

    public boolean deleted() {
        return deleted;
    }

    /** Null until the battle starts. */
    public TradingFloor floor() {
        return floor;
    }

    public boolean started() {
        return floor != null;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Participants who are neither paused nor eliminated, in joining order. */
    public List<String> activeAgentIds() {
        return participants.entrySet().stream().filter(e -> e.getValue().status() == ParticipantStatus.ACTIVE)
                .map(Map.Entry::getKey).toList();
    }

    /** Agents' clock: the active participants not yet done with the current step, in joining order. */
    public List<String> stillDeciding() {
        return activeAgentIds().stream().filter(agentId -> !doneWithStep.contains(agentId)).toList();
    }

    public boolean doneWithStep(String agentId) {
        return doneWithStep.contains(agentId);
    }

    /** Agents' clock: when the current step opened (the start, or the input that closed the step before). */
    public Instant stepOpenedAt() {
        return stepOpenedAt;
    }

    /** Agents' clock: when the current step times out, or null when it waits for ever (or the owner moves the clock). */
    public Instant stepDeadline() {
        return config.stepDeadline(stepOpenedAt);
    }

    /** Joining order → display name, for rankings. */
    Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        participants.forEach((agentId, participant) -> names.put(agentId, participant.agentName()));
        return names;
    }
}
