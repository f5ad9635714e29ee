package com.agentbattles.engine;

import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;

/**
 * What a price did to one resting order: it filled, or it triggered a buy that can no longer be
 * paid for and so is cancelled. Returned in execution order; apply them in that order.
 */
public sealed interface Execution {

    String orderId();

    record Filled(Fill fill) implements Execution {
        @Override
        public String orderId() {
            return fill.orderId();
        }
    }

    /**
     * A triggered buy whose gap-adjusted cost exceeds its lock plus the available cash. Its lock
     * returns to available cash when the cancellation is applied ({@link Sandbox#cancelled}).
     */
    record Cancelled(String orderId, String symbol, ErrorCode code, String message) implements Execution {
    }
}
