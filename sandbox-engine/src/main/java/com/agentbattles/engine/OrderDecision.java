package com.agentbattles.engine;

import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.RestingOrder;

/** What the engine decided about a new order; nothing has changed until the caller applies it. */
public sealed interface OrderDecision {

    /** A limit or triggered order now resting (and holding its funds). */
    record Rests(RestingOrder order) implements OrderDecision {
    }

    /** A market order, filled in full at once. */
    record FillsNow(Fill fill) implements OrderDecision {
    }

    record Rejected(ErrorCode code, String message) implements OrderDecision {
    }
}
