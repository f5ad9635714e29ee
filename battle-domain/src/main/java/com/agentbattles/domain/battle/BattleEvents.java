package com.agentbattles.domain.battle;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.agentbattles.domain.agent.RiskConfig;

/**
 * Facts about battles. Each carries the owner and, where the status changes, the status after the
 * fact, so that readers (projections, the WebSocket status channel) need no earlier state.
 */
public final class BattleEvents {

    private BattleEvents() {
    }

    /** @param config fully resolved; @param rematchOf the battle this one re-runs, or null */
    @Revision("1")
    public record BattleCreated(String battleId, String accountId, String name, BattleConfig config, String rematchOf,
                                Instant createdAt) {
    }

    /** The whole new name and config, not a diff. */
    @Revision("1")
    public record BattleConfigUpdated(String battleId, String accountId, String name, BattleConfig config,
                                      Instant updatedAt) {
    }

    /** @param agentName the name at joining time, kept so results read well after a rename or deletion */
    @Revision("1")
    public record ParticipantAdded(String battleId, String accountId, String agentId, String agentName,
                                   BattleStatus battleStatus, Instant joinedAt) {
    }

    @Revision("1")
    public record ParticipantRemoved(String battleId, String accountId, String agentId, BattleStatus battleStatus,
                                     Instant removedAt) {
    }

    /**
     * @param config     the config as locked at start (for historical battles with the window resolved)
     * @param agentIds   the participants, in joining order
     * @param historical window, step count and candle fingerprint of a historical battle; null for live
     * @param riskProfiles the risk profile each participant trades under for the whole battle
     * @param snapshotInterval live battles: how often participants are valued; null for historical
     */
    @Revision("1")
    public record BattleStarted(String battleId, String accountId, BattleConfig config, List<String> agentIds,
                                HistoricalStart historical, Map<String, RiskConfig> riskProfiles,
                                java.time.Duration snapshotInterval, Instant startedAt) {
        public BattleStarted {
            agentIds = List.copyOf(agentIds);
            riskProfiles = riskProfiles == null ? Map.of() : Map.copyOf(riskProfiles);
        }

        /** The profile of a participant; the defaults when it had none recorded. */
        public RiskConfig riskOf(String agentId) {
            return riskProfiles.getOrDefault(agentId, RiskConfig.defaults());
        }
    }

    @Revision("1")
    public record ParticipantPaused(String battleId, String accountId, String agentId, BattleStatus battleStatus,
                                    Instant pausedAt) {
    }

    @Revision("1")
    public record ParticipantResumed(String battleId, String accountId, String agentId, BattleStatus battleStatus,
                                     Instant resumedAt) {
    }

    /**
     * A participant of a battle with a loss limit whose equity fell to the limit: its resting
     * orders were cancelled and its positions sold just before this, it trades no more and its
     * equity is final. Ranked after every survivor, the later eliminated first.
     *
     * @param equity       its equity at the snapshot that crossed the limit
     * @param threshold    starting balance × (1 − loss_limit_pct / 100)
     * @param eliminatedAt the time of that snapshot (virtual time in a historical battle)
     */
    @Revision("1")
    public record ParticipantEliminated(String battleId, String accountId, String agentId, BigDecimal equity,
                                        BigDecimal threshold, long step, Instant eliminatedAt) {
    }

    /**
     * @param releasedAgentIds the participants, now free to be archived or deleted again
     * @param rankings         final ranking, best first
     * @param rankingsDigest   {@link FinalRanking#digest} of the rankings
     */
    @Revision("1")
    public record BattleStopped(String battleId, String accountId, BattleStatus previousStatus,
                                List<String> releasedAgentIds, List<FinalRanking> rankings, String rankingsDigest,
                                Instant stoppedAt) {
        public BattleStopped {
            releasedAgentIds = List.copyOf(releasedAgentIds);
            rankings = List.copyOf(rankings);
        }
    }

    /** @param releasedAgentIds the participants if the battle was running; empty if it never started */
    @Revision("1")
    public record BattleCancelled(String battleId, String accountId, BattleStatus previousStatus,
                                  List<String> releasedAgentIds, Instant cancelledAt) {
        public BattleCancelled {
            releasedAgentIds = List.copyOf(releasedAgentIds);
        }
    }

    /** A battle that never started, deleted by its owner: gone from every list (the log keeps it). */
    @Revision("1")
    public record BattleDeleted(String battleId, String accountId, BattleStatus previousStatus, Instant deletedAt) {
    }

    /** A finished battle its owner no longer wants listed; its detail and results stay readable. */
    @Revision("1")
    public record BattleHidden(String battleId, String accountId, BattleStatus status, Instant hiddenAt) {
    }
}
