package com.agentbattles.domain.battle;

import com.agentbattles.domain.common.OwnedCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * What can be asked of a battle. Each names the account asking: only the owner manages a battle,
 * anyone else is told it does not exist. Times come from the API's clock, never from the aggregate.
 */
public final class BattleCommands {

    private BattleCommands() {
    }

    /** An agent entering a battle, as checked by the caller against the agent read model. */
    public record Entrant(String agentId, String agentAccountId, String agentName) {
    }

    /**
     * Creates a battle from a preset or the defaults ({@code baseConfig} null), or from another
     * battle's config (a rematch: {@code baseConfig} is that config, {@code rematchOf} its id).
     * Entrants join at once, so a rematch is born pending.
     */
    public record CreateBattle(@TargetAggregateIdentifier String battleId, String accountId, String name,
                               String preset, BattleConfig baseConfig, BattleConfigChanges changes,
                               List<Entrant> entrants, String rematchOf, Instant createdAt) {
        public CreateBattle {
            entrants = entrants == null ? List.of() : List.copyOf(entrants);
        }
    }

    /** A partial edit: null fields keep their value; a preset replaces the base the changes apply to. */
    public record UpdateBattle(@TargetAggregateIdentifier String battleId, String accountId, String name,
                               String preset, BattleConfigChanges changes, Instant updatedAt) implements OwnedCommand {
    }

    public record AddParticipant(@TargetAggregateIdentifier String battleId, String accountId, Entrant entrant,
                                 Instant joinedAt) implements OwnedCommand {
    }

    public record RemoveParticipant(@TargetAggregateIdentifier String battleId, String accountId, String agentId,
                                    Instant removedAt) implements OwnedCommand {
    }

    /**
     * @param riskProfiles each participant's risk profile as it stands at the start (absent: the defaults)
     * @param historical for historical battles, the window and data fingerprint prepared from the
     *                   candle store (see HistoricalStartPreparer on the command side); null for live
     */
    public record StartBattle(@TargetAggregateIdentifier String battleId, String accountId, HistoricalStart historical,
                              java.util.Map<String, com.agentbattles.domain.agent.RiskConfig> riskProfiles,
                              LiveStart live, Instant startedAt) implements OwnedCommand {
        public StartBattle {
            riskProfiles = riskProfiles == null ? java.util.Map.of() : java.util.Map.copyOf(riskProfiles);
        }

        /** A historical start (or a live one with the server's defaults, as tests use it). */
        public StartBattle(String battleId, String accountId, HistoricalStart historical,
                           java.util.Map<String, com.agentbattles.domain.agent.RiskConfig> riskProfiles, Instant startedAt) {
            this(battleId, accountId, historical, riskProfiles, LiveStart.DEFAULT, startedAt);
        }
    }

    /**
     * What the server decides for a live battle when it starts.
     *
     * @param offeredPairs     the pairs a battle without its own list may trade (the platform's pairs)
     * @param snapshotInterval how often participants are valued
     */
    public record LiveStart(java.util.List<String> offeredPairs, java.time.Duration snapshotInterval) {
        public static final LiveStart DEFAULT = new LiveStart(
                java.util.List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"), java.time.Duration.ofSeconds(5));

        public LiveStart {
            offeredPairs = java.util.List.copyOf(offeredPairs);
        }
    }

    public record PauseParticipant(@TargetAggregateIdentifier String battleId, String accountId, String agentId,
                                   Instant pausedAt) implements OwnedCommand {
    }

    public record ResumeParticipant(@TargetAggregateIdentifier String battleId, String accountId, String agentId,
                                    Instant resumedAt) implements OwnedCommand {
    }

    /** @param quotes live battles: the latest prices, at which positions are closed; empty for historical */
    public record StopBattle(@TargetAggregateIdentifier String battleId, String accountId,
                             java.util.List<com.agentbattles.domain.trading.Quote> quotes, Instant stoppedAt) implements OwnedCommand {
        public StopBattle {
            quotes = quotes == null ? java.util.List.of() : java.util.List.copyOf(quotes);
        }

        public StopBattle(String battleId, String accountId, Instant stoppedAt) {
            this(battleId, accountId, java.util.List.of(), stoppedAt);
        }
    }

    public record CancelBattle(@TargetAggregateIdentifier String battleId, String accountId, Instant cancelledAt) implements OwnedCommand {
    }

    /** DELETE: erases a battle not yet started, cancels a running one, hides a finished one. */
    public record DeleteBattle(@TargetAggregateIdentifier String battleId, String accountId, Instant deletedAt) implements OwnedCommand {
    }
}
