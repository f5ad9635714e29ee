package com.agentbattles.command.trading;

import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.engine.OrderDecision;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The one mapping from the engine's decision on an order to the event that records it and the
 * answer the caller gets. A battle and an agent's own wallet record different event types, so
 * each says how through {@link OrderFacts}; what "open", "filled" and "rejected" mean is here only.
 */
public final class OrderOutcomes {

    /** How one trading venue records each fate of an order. */
    public interface OrderFacts {
        Object placed(RestingOrder order, String rationale);

        Object filled(Fill fill, String rationale);

        Object rejected(OrderRequest request, ErrorCode code, String reason);
    }

    private OrderOutcomes() {
    }

    /** Records the decision and answers with it; {@code step} and {@code at} are the clock it was decided on. */
    public static OrderOutcome record(OrderDecision decision, OrderRequest request, String agentId, long step,
                                      Instant at, OrderFacts facts, Consumer<Object> recorder) {
        if (decision instanceof OrderDecision.Rests rests) {
            recorder.accept(facts.placed(rests.order(), request.rationale()));
            return new OrderOutcome(request.orderId(), agentId, "open", request, rests.order(), null, null, null, step, at);
        }
        if (decision instanceof OrderDecision.FillsNow fills) {
            recorder.accept(facts.filled(fills.fill(), request.rationale()));
            return new OrderOutcome(request.orderId(), agentId, "filled", request, null, fills.fill(), null, null, step, at);
        }
        OrderDecision.Rejected rejected = (OrderDecision.Rejected) decision;
        return reject(request, agentId, rejected.code(), rejected.message(), step, at, facts, recorder);
    }

    /** A refusal decided before the engine was asked (a paused participant, a pair the battle does not trade). */
    public static OrderOutcome reject(OrderRequest request, String agentId, ErrorCode code, String reason, long step,
                                      Instant at, OrderFacts facts, Consumer<Object> recorder) {
        recorder.accept(facts.rejected(request, code, reason));
        return new OrderOutcome(request.orderId(), agentId, "rejected", request, null, null, code, reason, step, at);
    }
}
