package com.agentbattles.domain.trading;

import com.agentbattles.domain.common.Decimals;

import java.math.BigDecimal;

/**
 * An order as an agent asked for it, before any check. The id is given by the caller so that
 * a retried command cannot place the same order twice.
 *
 * @param price        limit price; required for limit orders, ignored otherwise
 * @param triggerPrice required for stop_loss and take_profit, ignored otherwise
 * @param rationale    the agent's note on why, or null: recorded with the order so that people can
 *                     read why an (LLM) agent traded; at most {@link #MAX_RATIONALE} characters
 */
public record OrderRequest(String orderId, String symbol, OrderSide side, OrderType type, BigDecimal quantity,
                           BigDecimal price, BigDecimal triggerPrice, String rationale) {

    public static final int MAX_RATIONALE = 2000;

    public OrderRequest {
        rationale = rationale(rationale);
    }

    public OrderRequest(String orderId, String symbol, OrderSide side, OrderType type, BigDecimal quantity,
                        BigDecimal price, BigDecimal triggerPrice) {
        this(orderId, symbol, side, type, quantity, price, triggerPrice, null);
    }

    /** A decision note as recorded: blank is none; longer than 2,000 characters is refused, naming the field. */
    public static String rationale(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > MAX_RATIONALE) {
            throw Decimals.invalid("rationale", "must be at most " + MAX_RATIONALE + " characters (got " + note.length() + ")");
        }
        return note;
    }
}
