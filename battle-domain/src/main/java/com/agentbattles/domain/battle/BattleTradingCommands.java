package com.agentbattles.domain.battle;

import com.agentbattles.domain.common.OwnedCommand;
import com.agentbattles.domain.trading.OrderRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands that move a historical battle's clock and trade inside it. */
public final class BattleTradingCommands {

    private BattleTradingCommands() {
    }

    /**
     * Advances the virtual clock by {@code steps} candles (one transaction, however many). The
     * aggregate fetches the candles itself and records them in its events.
     *
     * @param expectedStep the step the caller believes the battle is at, or null; a mismatch is
     *                     refused so that two racing clients cannot step twice by mistake
     */
    public record StepBattle(@TargetAggregateIdentifier String battleId, String accountId, int steps, Long expectedStep,
                             Instant requestedAt) implements OwnedCommand {
    }

    /**
     * An order of a participant; in a live battle {@code quotes} are the feed's latest prices. {@code accountId} is the battle owner's account whether the owner
     * sent it with a JWT or the agent with its own key (the caller resolves that).
     */
    public record PlaceBattleOrder(@TargetAggregateIdentifier String battleId, String accountId, String agentId,
                                   OrderRequest order, java.util.List<com.agentbattles.domain.trading.Quote> quotes,
                                   Instant requestedAt, Long forStep) implements OwnedCommand {
        public PlaceBattleOrder {
            quotes = quotes == null ? java.util.List.of() : java.util.List.copyOf(quotes);
        }

        /** An order for whatever step the battle is at. */
        public PlaceBattleOrder(String battleId, String accountId, String agentId, OrderRequest order,
                                java.util.List<com.agentbattles.domain.trading.Quote> quotes, Instant requestedAt) {
            this(battleId, accountId, agentId, order, quotes, requestedAt, null);
        }

        /** A historical order: the battle's own clock has the prices. */
        public PlaceBattleOrder(String battleId, String accountId, String agentId, OrderRequest order, Instant requestedAt) {
            this(battleId, accountId, agentId, order, java.util.List.of(), requestedAt);
        }
    }

    /**
     * A participant is done with a step of the agents' clock ({@code POST /step} or {@code /ready}
     * with its own key).
     *
     * @param forStep the step it decided on, or null for the current one; a closed step is refused
     */
    public record DeclareStepDone(@TargetAggregateIdentifier String battleId, String accountId, String agentId,
                                  Long forStep, Instant requestedAt, String rationale) implements OwnedCommand {
        public DeclareStepDone {
            rationale = OrderRequest.rationale(rationale);
        }

        public DeclareStepDone(String battleId, String accountId, String agentId, Long forStep, Instant requestedAt) {
            this(battleId, accountId, agentId, forStep, requestedAt, null);
        }
    }

    public record CancelBattleOrder(@TargetAggregateIdentifier String battleId, String accountId, String agentId,
                                    String orderId, Instant requestedAt) implements OwnedCommand {
    }
}
