package com.agentbattles.command.battle.core;

import com.agentbattles.command.trading.OrderOutcomes;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.ParticipantStatus;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.engine.OrderDecision;

import java.time.Instant;
import java.util.Map;

/**
 * The participants' orders, in both kinds of battle. A historical order is decided at the battle's
 * virtual time on the prices of the last candle; a live one at the time and on the feed's quotes
 * the command brings (over the prices the battle last recorded).
 */
public final class OrderDesk extends BattleRule {

    public OrderDesk(BattleState state, BattleRecorder recorder) {
        super(state, recorder);
    }

    public OrderOutcome place(PlaceBattleOrder command) {
        requireRunning("trade");
        String agentId = command.agentId();
        BattleState.Participant participant = requireParticipant(agentId);
        AgentClock.requireOpen(state, command.forStep());
        OrderRequest request = command.order();
        boolean live = !state.historical();
        Instant now = live ? command.requestedAt() : floor().virtualTime();
        if (participant.status() == ParticipantStatus.NOT_PROVISIONED) {
            throw new DomainException(ErrorCode.PARTICIPANT_NOT_PROVISIONED, "agent " + agentId
                    + " takes no part in the trading of this battle: its wallet could not be handed over",
                    Map.of("battle_id", battleId(), "agent_id", agentId));
        }
        if (live && !floor().hasWallet(agentId)) {
            throw new DomainException(ErrorCode.WALLET_NOT_READY, "the battle wallet of agent " + agentId
                    + " is still being provisioned; retry in a moment", Map.of("battle_id", battleId(), "agent_id", agentId));
        }
        if (participant.status() == ParticipantStatus.PAUSED) {
            return reject(agentId, request, ErrorCode.PARTICIPANT_PAUSED, "agent " + agentId + " is paused in this battle", now);
        }
        if (participant.status() == ParticipantStatus.ELIMINATED) {
            return reject(agentId, request, ErrorCode.PARTICIPANT_ELIMINATED,
                    "agent " + agentId + " was eliminated at the loss limit", now);
        }
        if (live && request.symbol() != null && !state.config().pairs().contains(request.symbol())) {
            return reject(agentId, request, ErrorCode.PAIR_NOT_ALLOWED,
                    "this battle trades " + String.join(", ", state.config().pairs()) + " only", now);
        }
        OrderDecision decision = live
                ? floor().decide(agentId, request, LiveSession.pricesWith(floor(), command.quotes()), now)
                : floor().decide(agentId, request, now);
        return OrderOutcomes.record(decision, request, agentId, floor().step(), now, facts(agentId, now), this::record);
    }

    public void cancel(CancelBattleOrder command) {
        requireRunning("cancel_order");
        requireParticipant(command.agentId());
        boolean open = floor().openOrders(command.agentId()).stream()
                .anyMatch(order -> order.orderId().equals(command.orderId()));
        if (!open) {
            throw new DomainException(ErrorCode.ORDER_NOT_FOUND, "no open order " + command.orderId()
                    + " of agent " + command.agentId(), Map.of("order_id", String.valueOf(command.orderId())));
        }
        Instant at = state.historical() ? floor().virtualTime() : command.requestedAt();
        record(new OrderCancelled(battleId(), accountId(), command.agentId(), command.orderId(), "requested",
                floor().step(), at));
    }

    private OrderOutcome reject(String agentId, OrderRequest request, ErrorCode code, String reason, Instant now) {
        return OrderOutcomes.reject(request, agentId, code, reason, floor().step(), now, facts(agentId, now), this::record);
    }

    /** A battle's order events carry the step (and a rejection the time) they were decided at. */
    private OrderOutcomes.OrderFacts facts(String agentId, Instant now) {
        long step = floor().step();
        return new OrderOutcomes.OrderFacts() {
            @Override
            public Object placed(RestingOrder order, String rationale) {
                return new OrderPlaced(battleId(), accountId(), agentId, order, step, rationale);
            }

            @Override
            public Object filled(Fill fill, String rationale) {
                return new OrderFilled(battleId(), accountId(), agentId, fill, step, rationale);
            }

            @Override
            public Object rejected(OrderRequest request, ErrorCode code, String reason) {
                return new OrderRejected(battleId(), accountId(), agentId, request, code, reason, step, now);
            }
        };
    }
}
