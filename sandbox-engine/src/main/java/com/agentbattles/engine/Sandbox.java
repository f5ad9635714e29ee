package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One agent's exchange account: USDT cash (available and locked), positions, resting orders.
 *
 * <p>Decisions and changes are separate, so an event-sourced owner can decide in a command
 * handler and change state only when it applies the resulting event: the {@code decide…} and
 * {@code fillsOn…} methods read and never change anything; {@link #placed}, {@link #filled},
 * {@link #cancelled} and {@link #dayMarked} change state and never decide. Applying the same
 * outcomes in the same order always gives the same {@link #stateHash()}.
 */
public final class Sandbox {

    public Sandbox(BigDecimal startingCash) {
        throw new UnsupportedOperationException("sandbox-engine: not implemented yet");
    }

    // ---- decisions (pure) ----

    /**
     * Validates and risk-checks a new order against the current prices. A market order fills at
     * the symbol's latest price ± slippage; other orders rest. Rejections carry the spec's codes.
     */
    public OrderDecision decide(OrderRequest request, TradingRules rules, PriceBoard prices, Instant now) {
        throw new UnsupportedOperationException();
    }

    /**
     * The resting orders of the candle's symbol that this closed candle reaches, in the order they
     * execute (stops before take-profits and limits: the pessimistic assumption), each filled at
     * its gap-adjusted price. Executed at the candle's close time.
     */
    public List<Fill> fillsOn(Candle candle, TradingRules rules) {
        throw new UnsupportedOperationException();
    }

    /** Live: the same rules with the tick as a candle whose open, high, low and close are its price. */
    public List<Fill> fillsOn(Quote tick, TradingRules rules) {
        throw new UnsupportedOperationException();
    }

    /**
     * Market sells of every position at the latest price ± slippage, to close a battle.
     * Apply the cancellation of every resting order first, or locked quantity stays unsold.
     * Positions without a price are skipped (never valued at an invented price).
     */
    public List<Fill> closeOut(PriceBoard prices, TradingRules rules, Instant now) {
        throw new UnsupportedOperationException();
    }

    // ---- changes (apply only decided outcomes) ----

    public void placed(RestingOrder order) {
        throw new UnsupportedOperationException();
    }

    public void filled(Fill fill) {
        throw new UnsupportedOperationException();
    }

    public void cancelled(String orderId) {
        throw new UnsupportedOperationException();
    }

    /** Records the equity at a point in time; the first mark of a UTC day is that day's starting equity. */
    public void dayMarked(Instant time, BigDecimal equity) {
        throw new UnsupportedOperationException();
    }

    // ---- reads ----

    public BigDecimal cash() {
        throw new UnsupportedOperationException();
    }

    public BigDecimal lockedCash() {
        throw new UnsupportedOperationException();
    }

    /** Positions with a non-zero quantity, by symbol. */
    public List<Position> positions() {
        throw new UnsupportedOperationException();
    }

    /** Resting orders in the order they were placed. */
    public List<RestingOrder> openOrders() {
        throw new UnsupportedOperationException();
    }

    public Optional<RestingOrder> openOrder(String orderId) {
        throw new UnsupportedOperationException();
    }

    /** Every fill in execution order. */
    public List<Fill> fills() {
        throw new UnsupportedOperationException();
    }

    public BigDecimal realizedPnl() {
        throw new UnsupportedOperationException();
    }

    public BigDecimal feesPaid() {
        throw new UnsupportedOperationException();
    }

    /** Cash (available + locked) plus every position at its latest price. */
    public BigDecimal equity(PriceBoard prices) {
        throw new UnsupportedOperationException();
    }

    /** SHA-256 over the canonical form of the whole state: equal hashes mean equal sandboxes. */
    public String stateHash() {
        throw new UnsupportedOperationException();
    }
}
