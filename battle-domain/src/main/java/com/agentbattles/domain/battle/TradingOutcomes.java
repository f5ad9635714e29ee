package com.agentbattles.domain.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the Battle aggregate answers to trading commands, straight from the decision it recorded. */
public final class TradingOutcomes {

    private TradingOutcomes() {
    }

    /**
     * The fate of an order: exactly one of {@code resting}, {@code fill}, {@code rejection} is set.
     *
     * @param status "filled", "open" or "rejected"
     */
    public record OrderOutcome(String orderId, String agentId, String status, OrderRequest request, RestingOrder resting,
                               Fill fill, ErrorCode rejection, String reason, long step, Instant at) {

        public boolean rejected() {
            return rejection != null;
        }
    }

    /**
     * Where the clock stands after a step request.
     *
     * @param prices     the latest price of every pair the agents have seen, by symbol
     * @param valuations every participant, valued at those prices
     */
    public record StepOutcome(String battleId, long step, long totalSteps, Instant virtualTime, boolean complete,
                              BigDecimal startingBalance, Map<String, BigDecimal> prices, List<Valuation> valuations) {
    }
}
