package com.agentbattles.domain.battle;

import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Facts of trading inside a battle. Together with {@link BattleEvents.BattleStarted} they are
 * enough to re-derive every balance, ranking and replay snapshot without the candle store: a
 * step carries its candles, a fill carries its price, fee, slippage and realized PnL.
 */
public final class BattleTradingEvents {

    private BattleTradingEvents() {
    }

    /**
     * The equity of one participant at a snapshot, valued at the prices of that moment.
     *
     * @param tradeCount fills so far
     */
    public record Valuation(String agentId, BigDecimal equity, BigDecimal cash, long tradeCount) {
    }

    /**
     * The virtual clock moved one candle: {@code candles} closed (one per pair that has one at
     * this step; a pair without a candle keeps its last price), resting orders they reached are
     * the {@link OrderFilled} events just before this one, and {@code valuations} are the equity
     * snapshots of the participants not paused, after those fills.
     *
     * @param virtualTime the close time of the step's candles
     */
    @Revision("1")
    public record BattleStepped(String battleId, String accountId, long step, long totalSteps, Instant virtualTime,
                                List<Candle> candles, List<Valuation> valuations) {
        public BattleStepped {
            candles = List.copyOf(candles);
            valuations = List.copyOf(valuations);
        }
    }

    /** An accepted limit, stop_loss or take_profit order, now holding its funds. */
    @Revision("1")
    public record OrderPlaced(String battleId, String accountId, String agentId, RestingOrder order, long step,
                              String rationale) {
        public OrderPlaced(String battleId, String accountId, String agentId, RestingOrder order, long step) {
            this(battleId, accountId, agentId, order, step, null);
        }
    }

    /**
     * An order executed in full, either at once (market) or when a candle reached it.
     *
     * @param step      the step whose prices filled it
     * @param rationale the agent's note when the order filled as it was placed; null for a resting order's fill
     */
    @Revision("1")
    public record OrderFilled(String battleId, String accountId, String agentId, Fill fill, long step, String rationale) {
        public OrderFilled(String battleId, String accountId, String agentId, Fill fill, long step) {
            this(battleId, accountId, agentId, fill, step, null);
        }
    }

    /** An order refused: kept in the log because a refused order is part of an agent's behaviour. */
    @Revision("1")
    public record OrderRejected(String battleId, String accountId, String agentId, OrderRequest order,
                                ErrorCode code, String reason, long step, Instant rejectedAt) {
    }

    /**
     * A resting order withdrawn and its funds released.
     *
     * @param reason "requested" by the agent, "battle_ended" when the battle closed it, or
     *               "insufficient_balance" when a triggered buy gapped beyond what the agent could pay
     */
    @Revision("1")
    public record OrderCancelled(String battleId, String accountId, String agentId, String orderId, String reason,
                                 long step, Instant cancelledAt) {
    }

    /**
     * A participant said it is done with {@code step} of the agents' clock; the last one still
     * deciding closes the step (the {@link BattleStepped} right after).
     */
    @Revision("1")
    public record ParticipantReady(String battleId, String accountId, String agentId, long step, Instant readyAt,
                                   String rationale) {
        public ParticipantReady(String battleId, String accountId, String agentId, long step, Instant readyAt) {
            this(battleId, accountId, agentId, step, readyAt, null);
        }
    }

    /**
     * A step of the agents' clock reached its time-out with {@code skipped} still deciding; the
     * clock moved on without them. {@code timedOutAt} is the step's deadline, the one wall-clock
     * input of the agents' clock, recorded so that the audit replays it.
     */
    @Revision("1")
    public record StepTimedOut(String battleId, String accountId, long step, List<String> skipped, Instant timedOutAt) {
        public StepTimedOut {
            skipped = List.copyOf(skipped);
        }
    }
}
