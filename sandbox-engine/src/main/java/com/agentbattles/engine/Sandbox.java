package com.agentbattles.engine;

import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One agent's exchange account: USDT cash (available and locked), positions, resting orders.
 *
 * <p>Decisions and changes are separate, so an event-sourced owner can decide in a command
 * handler and change state only when it applies the resulting event: the {@code decide…},
 * {@code fillsOn…}, {@code executionsOn…} and {@code closeOut} methods read and never change
 * anything; {@link #placed}, {@link #filled}, {@link #cancelled} and {@link #dayMarked} change
 * state and never decide. Applying the same outcomes in the same order always gives the same
 * {@link #stateHash()}.
 *
 * <p>Serialisable with a plain Jackson {@code ObjectMapper} (plus the JavaTimeModule) through its
 * fields, so an aggregate holding sandboxes can be snapshotted. See docs/trading-rules.md for
 * every rule and rounding choice.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Sandbox {

    /** Stops first: when one candle reaches a stop and a take-profit or limit, assume the worse. */
    private static final Comparator<RestingOrder> EXECUTION_PRIORITY =
            Comparator.comparingInt(order -> order.type() == OrderType.STOP_LOSS ? 0 : 1);

    private static final String CLOSE_OUT_PREFIX = "close-out-";

    private BigDecimal startingCash;
    private BigDecimal cash;
    private BigDecimal lockedCash;
    private TreeMap<String, Position> positions = new TreeMap<>();
    private LinkedHashMap<String, RestingOrder> openOrders = new LinkedHashMap<>();
    private ArrayList<Fill> fills = new ArrayList<>();
    private BigDecimal realizedPnl;
    private BigDecimal feesPaid;
    private LocalDate markedDay;
    private BigDecimal dayStartEquity;

    /**
     * Nearest order levels per symbol, derived from openOrders and rebuilt after any change.
     * A HashMap is fine here: it is only looked up, never iterated.
     */
    @JsonIgnore
    private transient HashMap<String, TriggerLevels> levels;

    /** For Jackson. */
    private Sandbox() {
    }

    public Sandbox(BigDecimal startingCash) {
        if (startingCash == null || startingCash.signum() < 0) {
            throw new IllegalArgumentException("starting cash must be zero or more");
        }
        this.startingCash = Pricing.usdt(startingCash);
        this.cash = this.startingCash;
        this.lockedCash = Pricing.usdt(BigDecimal.ZERO);
        this.realizedPnl = Pricing.usdt(BigDecimal.ZERO);
        this.feesPaid = Pricing.usdt(BigDecimal.ZERO);
    }

    /**
     * A sandbox holding exactly {@code holdings}, with no fill history: a wallet handed to a live
     * battle, or given back after one.
     */
    public static Sandbox holding(WalletHoldings holdings) {
        Sandbox sandbox = new Sandbox(holdings.startingBalance());
        sandbox.cash = Pricing.usdt(holdings.cash());
        sandbox.lockedCash = Pricing.usdt(holdings.lockedCash());
        sandbox.realizedPnl = Pricing.usdt(holdings.realizedPnl());
        sandbox.feesPaid = Pricing.usdt(holdings.feesPaid());
        for (WalletHoldings.Holding held : holdings.positions()) {
            sandbox.positions.put(held.symbol(), new Position(held.symbol(), held.quantity(), held.locked(),
                    held.avgEntryPrice(), held.buyFees(), held.openedAt()));
        }
        for (RestingOrder order : holdings.openOrders()) {
            sandbox.openOrders.put(order.orderId(), order);
        }
        return sandbox;
    }

    /** What this sandbox holds now; {@link #holding} of it gives an equal wallet (fill history aside). */
    public WalletHoldings holdings() {
        List<WalletHoldings.Holding> held = new ArrayList<>(positions.size());
        for (Position position : positions.values()) {
            held.add(new WalletHoldings.Holding(position.symbol(), position.quantity(), position.locked(),
                    position.avgEntryPrice(), position.buyFees(), position.openedAt()));
        }
        return new WalletHoldings(startingCash, cash, lockedCash, held, List.copyOf(openOrders.values()),
                realizedPnl, feesPaid);
    }

    // ---- decisions (pure) ----

    /**
     * Validates and risk-checks a new order against the current prices. A market order fills at
     * the symbol's latest price ± slippage; other orders rest. Rejections carry the spec's codes,
     * checked in the order documented in docs/trading-rules.md.
     */
    public OrderDecision decide(OrderRequest request, TradingRules rules, PriceBoard prices, Instant now) {
        return new OrderDecider(this, request, rules, prices, now).decide();
    }

    /**
     * The resting orders of the candle's symbol that this closed candle reaches, in the order they
     * execute (stops before take-profits and limits: the pessimistic assumption), each filled at
     * its gap-adjusted price. Executed at the candle's close time.
     *
     * <p>Only the fills of {@link #executionsOn(Candle, TradingRules)}: a triggered buy that can no
     * longer be paid for is left out here (it would stay resting); an event-sourced owner should
     * use {@code executionsOn} and apply its cancellations too. Applying only these fills is still
     * consistent: no fill relies on cash released by a cancellation.
     */
    public List<Fill> fillsOn(Candle candle, TradingRules rules) {
        return fillsOf(executionsOn(candle, rules));
    }

    /** Live: the same rules with the tick as a candle whose open, high, low and close are its price. */
    public List<Fill> fillsOn(Quote tick, TradingRules rules) {
        return fillsOf(executionsOn(tick, rules));
    }

    /** Everything this closed candle does to the resting orders of its symbol, in execution order. */
    public List<Execution> executionsOn(Candle candle, TradingRules rules) {
        if (!reachable(candle.symbol(), candle.high(), candle.low())) {
            return List.of();
        }
        return executions(candle.symbol(), candle.open(), candle.high(), candle.low(),
                candle.quoteVolumeOrEstimate(), candle.closeTime(), null, rules);
    }

    /** Live: a tick is a candle with open = high = low = close = its price and the quote's volume. */
    public List<Execution> executionsOn(Quote tick, TradingRules rules) {
        if (!reachable(tick.symbol(), tick.price(), tick.price())) {
            return List.of();
        }
        return executions(tick.symbol(), tick.price(), tick.price(), tick.price(), tick.quoteVolume(), tick.time(),
                tick.time(), rules);
    }

    /**
     * Market sells of every position at the latest price ± slippage, to close a battle.
     * Apply the cancellation of every resting order first, or locked quantity stays unsold.
     * Positions without a price are skipped (never valued at an invented price).
     * The fills' order ids are {@code "close-out-" + symbol}; {@link #isCloseOut} recognises them.
     */
    public List<Fill> closeOut(PriceBoard prices, TradingRules rules, Instant now) {
        List<Fill> out = new ArrayList<>();
        for (Position position : positions.values()) {
            BigDecimal quantity = position.available();
            Optional<Quote> quote = prices.quote(position.symbol());
            if (quantity.signum() <= 0 || quote.isEmpty()) {
                continue;
            }
            out.add(marketFill(CLOSE_OUT_PREFIX + position.symbol(), position.symbol(), OrderSide.SELL, quantity,
                    quote.get(), rules, now));
        }
        return out;
    }

    /** Whether a fill is one of {@link #closeOut}'s sells rather than an order an agent placed. */
    public static boolean isCloseOut(Fill fill) {
        return fill.orderId().startsWith(CLOSE_OUT_PREFIX);
    }

    // ---- changes (apply only decided outcomes) ----

    public void placed(RestingOrder order) {
        if (openOrders.containsKey(order.orderId())) {
            throw new IllegalStateException("order " + order.orderId() + " is already open");
        }
        if (order.side() == OrderSide.BUY) {
            cash = cash.subtract(order.locked());
            lockedCash = lockedCash.add(order.locked());
        } else {
            Position position = requirePosition(order.symbol());
            positions.put(order.symbol(), withLocked(position, position.locked().add(order.locked())));
        }
        openOrders.put(order.orderId(), order);
        levels = null;
    }

    public void filled(Fill fill) {
        RestingOrder order = openOrders.remove(fill.orderId());
        if (fill.side() == OrderSide.BUY) {
            if (order != null) {
                // the lock comes back whole; the fill then costs its actual total
                lockedCash = lockedCash.subtract(order.locked());
                cash = cash.add(order.locked());
            }
            cash = cash.subtract(fill.total());
            Position held = positions.get(fill.symbol());
            if (held == null) {
                positions.put(fill.symbol(), new Position(fill.symbol(), fill.quantity(), BigDecimal.ZERO,
                        fill.price().setScale(Pricing.AVG_PRICE_SCALE, RoundingMode.HALF_EVEN), fill.fee(),
                        fill.executedAt()));
            } else {
                BigDecimal quantity = held.quantity().add(fill.quantity());
                BigDecimal avg = held.quantity().multiply(held.avgEntryPrice()).add(fill.quantity().multiply(fill.price()))
                        .divide(quantity, Pricing.AVG_PRICE_SCALE, RoundingMode.HALF_EVEN);
                positions.put(fill.symbol(), new Position(fill.symbol(), quantity, held.locked(), avg,
                        held.buyFees().add(fill.fee()), held.openedAt()));
            }
        } else {
            Position held = requirePosition(fill.symbol());
            BigDecimal locked = order != null ? held.locked().subtract(order.locked()) : held.locked();
            BigDecimal remaining = held.quantity().subtract(fill.quantity());
            if (remaining.signum() < 0 || remaining.compareTo(locked) < 0) {
                throw new IllegalStateException("sell of " + fill.quantity() + " " + fill.symbol() + " exceeds the holding");
            }
            if (remaining.signum() == 0) {
                positions.remove(fill.symbol());
            } else {
                BigDecimal fees = held.buyFees().subtract(allocatedBuyFees(held, fill.quantity()));
                positions.put(fill.symbol(), new Position(fill.symbol(), remaining, locked, held.avgEntryPrice(),
                        fees, held.openedAt()));
            }
            cash = cash.add(fill.total());
            realizedPnl = realizedPnl.add(fill.realizedPnl());
        }
        feesPaid = feesPaid.add(fill.fee());
        fills.add(fill);
        levels = null;
    }

    /** Releases the order's lock; an order that is not open is ignored (a cancel may be retried). */
    public void cancelled(String orderId) {
        RestingOrder order = openOrders.remove(orderId);
        if (order == null) {
            return;
        }
        if (order.side() == OrderSide.BUY) {
            lockedCash = lockedCash.subtract(order.locked());
            cash = cash.add(order.locked());
        } else {
            Position position = requirePosition(order.symbol());
            positions.put(order.symbol(), withLocked(position, position.locked().subtract(order.locked())));
        }
        levels = null;
    }

    /** Records the equity at a point in time; the first mark of a UTC day is that day's starting equity. */
    public void dayMarked(Instant time, BigDecimal equity) {
        LocalDate day = utcDay(time);
        if (!day.equals(markedDay)) {
            markedDay = day;
            dayStartEquity = equity;
        }
    }

    /**
     * The equity to mark the UTC day of {@code time} with ({@link #dayMarked}) when that day has no
     * mark yet and every holding has a price on the board; empty otherwise (already marked, or a
     * holding without a price: the order's own checks refuse that).
     */
    public java.util.Optional<BigDecimal> dayMarkDue(Instant time, PriceBoard prices) {
        if (utcDay(time).equals(markedDay) || unpricedHolding(prices) != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(equity(prices));
    }

    // ---- reads ----

    public BigDecimal startingCash() {
        return startingCash;
    }

    /** Available USDT, not counting what resting buys hold. */
    public BigDecimal cash() {
        return cash;
    }

    public BigDecimal lockedCash() {
        return lockedCash;
    }

    /** Positions with a non-zero quantity, by symbol. */
    public List<Position> positions() {
        return List.copyOf(positions.values());
    }

    public Optional<Position> position(String symbol) {
        return Optional.ofNullable(positions.get(symbol));
    }

    /** Resting orders in the order they were placed. */
    public List<RestingOrder> openOrders() {
        return List.copyOf(openOrders.values());
    }

    public Optional<RestingOrder> openOrder(String orderId) {
        return Optional.ofNullable(openOrders.get(orderId));
    }

    /** Every fill in execution order. */
    public List<Fill> fills() {
        return Collections.unmodifiableList(fills);
    }

    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    public BigDecimal feesPaid() {
        return feesPaid;
    }

    /** The starting equity of the last marked UTC day, or null before the first mark. */
    public BigDecimal dayStartEquity() {
        return dayStartEquity;
    }

    /**
     * Cash (available + locked) plus every position at its latest price, rounded half-even to
     * 8 dp. A held symbol must have a price on the board: a position only exists after a buy,
     * which needed one, and a board keeps its last price forever; a board without it is a caller
     * error (IllegalStateException), since the engine never invents a price.
     */
    public BigDecimal equity(PriceBoard prices) {
        BigDecimal total = cash.add(lockedCash);
        for (Position position : positions.values()) {
            BigDecimal price = prices.priceOrNull(position.symbol());
            if (price == null) {
                throw new IllegalStateException("no price for held " + position.symbol());
            }
            total = total.add(position.quantity().multiply(price));
        }
        return total.setScale(Pricing.USDT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** The first held symbol (in symbol order) the board has no price for, or null when all are priced. */
    String unpricedHolding(PriceBoard prices) {
        for (Position position : positions.values()) {
            if (prices.priceOrNull(position.symbol()) == null) {
                return position.symbol();
            }
        }
        return null;
    }

    /** SHA-256 over the canonical form of the whole state: equal hashes mean equal sandboxes. */
    public String stateHash() {
        return sha256(canonicalText());
    }

    /**
     * One hash over several sandboxes, keyed (e.g. by participant): SHA-256 over
     * {@code key=stateHash} lines in key order, whatever the map's own order.
     */
    public static String stateHash(Map<String, Sandbox> sandboxes) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(sandboxes).forEach((key, sandbox) -> text.append(key).append('=').append(sandbox.stateHash()).append('\n'));
        return sha256(text.toString());
    }

    /** The canonical text the hash covers; numbers without trailing zeros, so scale never matters. */
    String canonicalText() {
        StringBuilder text = new StringBuilder(256);
        text.append("start=").append(n(startingCash)).append("\ncash=").append(n(cash))
                .append("\nlocked=").append(n(lockedCash)).append("\nrealized=").append(n(realizedPnl))
                .append("\nfees=").append(n(feesPaid)).append("\nday=").append(markedDay)
                .append("\ndayStartEquity=").append(n(dayStartEquity)).append('\n');
        for (Position p : positions.values()) {
            text.append("P|").append(p.symbol()).append('|').append(n(p.quantity())).append('|').append(n(p.locked()))
                    .append('|').append(n(p.avgEntryPrice())).append('|').append(n(p.buyFees())).append('|')
                    .append(p.openedAt()).append('\n');
        }
        for (RestingOrder o : openOrders.values()) {
            text.append("O|").append(o.orderId()).append('|').append(o.symbol()).append('|').append(o.side().code())
                    .append('|').append(o.type().code()).append('|').append(n(o.quantity())).append('|').append(n(o.price()))
                    .append('|').append(n(o.triggerPrice())).append('|').append(n(o.locked())).append('|')
                    .append(o.createdAt()).append('\n');
        }
        text.append("fills=").append(fills.size()).append('\n');
        for (Fill f : fills) {
            text.append("F|").append(f.orderId()).append('|').append(f.symbol()).append('|').append(f.side().code())
                    .append('|').append(f.type().code()).append('|').append(n(f.quantity())).append('|')
                    .append(n(f.referencePrice())).append('|').append(n(f.price())).append('|').append(n(f.slippagePct()))
                    .append('|').append(n(f.fee())).append('|').append(n(f.total())).append('|').append(n(f.realizedPnl()))
                    .append('|').append(f.executedAt()).append('\n');
        }
        return text.toString();
    }

    // ---- internals shared with OrderDecider ----

    int openOrderCount() {
        return openOrders.size();
    }

    LocalDate markedDay() {
        return markedDay;
    }

    Position positionOrNull(String symbol) {
        return positions.get(symbol);
    }

    /** A market fill at the quote's price ± slippage, with the realized PnL a sell would book. */
    Fill marketFill(String orderId, String symbol, OrderSide side, BigDecimal quantity, Quote quote,
                    TradingRules rules, Instant at) {
        BigDecimal reference = quote.price();
        BigDecimal fraction = Pricing.slippageFraction(Pricing.notional(quantity, reference), quote.quoteVolume(), rules.fees());
        return fill(orderId, symbol, side, OrderType.MARKET, quantity, reference, fraction, rules, at);
    }

    /** Builds a fill against the current state (the state decides the realized PnL of a sell). */
    Fill fill(String orderId, String symbol, OrderSide side, OrderType type, BigDecimal quantity,
              BigDecimal reference, BigDecimal slippageFraction, TradingRules rules, Instant at) {
        BigDecimal price = Pricing.slipped(reference, slippageFraction, side);
        BigDecimal notional = Pricing.notional(quantity, price);
        BigDecimal fee = Pricing.fee(notional, rules.fees());
        BigDecimal total;
        BigDecimal realized = null;
        if (side == OrderSide.BUY) {
            total = notional.add(fee);
        } else {
            total = notional.subtract(fee);
            Position held = requirePosition(symbol);
            realized = Pricing.usdt(price.subtract(held.avgEntryPrice()).multiply(quantity))
                    .subtract(fee).subtract(allocatedBuyFees(held, quantity));
        }
        return new Fill(orderId, symbol, side, type, quantity, reference, price, Pricing.percent(slippageFraction),
                fee, total, realized, at);
    }

    static LocalDate utcDay(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /**
     * Two sandboxes are equal when their states are: the same canonical form as {@link #stateHash()}
     * (caches derived from the state do not count). Lets an owner compare a replayed sandbox with
     * the one it decided on.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Sandbox that && stateHash().equals(that.stateHash());
    }

    @Override
    public int hashCode() {
        return stateHash().hashCode();
    }

    // ---- private ----

    /** The buy fees carried by {@code quantity} of the position: pro rata, all of them on a full exit. */
    private static BigDecimal allocatedBuyFees(Position held, BigDecimal quantity) {
        if (quantity.compareTo(held.quantity()) >= 0) {
            return held.buyFees();
        }
        return held.buyFees().multiply(quantity).divide(held.quantity(), Pricing.USDT_SCALE, RoundingMode.HALF_EVEN);
    }

    private boolean reachable(String symbol, BigDecimal high, BigDecimal low) {
        if (openOrders.isEmpty()) {
            return false;
        }
        TriggerLevels symbolLevels = levels().get(symbol);
        return symbolLevels != null && symbolLevels.reachedBy(high, low);
    }

    private HashMap<String, TriggerLevels> levels() {
        if (levels == null) {
            HashMap<String, TriggerLevels> built = new HashMap<>();
            for (RestingOrder order : openOrders.values()) {
                built.computeIfAbsent(order.symbol(), s -> new TriggerLevels()).add(order);
            }
            levels = built;
        }
        return levels;
    }

    /**
     * The slow path: some order of this symbol is reached. Orders execute one after another on a
     * scratch copy, so each sees what the previous ones did (a buy's new average entry, a sell's
     * cash). A cancelled triggered buy's lock is not handed to later orders of the same bar, so
     * applying only the fills (without the cancellations) stays consistent too.
     */
    private List<Execution> executions(String symbol, BigDecimal open, BigDecimal high, BigDecimal low,
                                       BigDecimal quoteVolume, Instant at, Instant seenAt, TradingRules rules) {
        List<RestingOrder> reached = new ArrayList<>();
        for (RestingOrder order : openOrders.values()) {
            // a live price from before the order was placed is history to it, never a fill
            boolean older = seenAt != null && seenAt.isBefore(order.createdAt());
            if (!older && order.symbol().equals(symbol) && TriggerLevels.reaches(order, high, low)) {
                reached.add(order);
            }
        }
        reached.sort(EXECUTION_PRIORITY); // stable: placement order among equals
        Sandbox scratch = scratchCopy();
        List<Execution> out = new ArrayList<>(reached.size());
        for (RestingOrder order : reached) {
            BigDecimal reference = TriggerLevels.gapReference(order, open);
            BigDecimal fraction = order.type().triggered()
                    ? Pricing.slippageFraction(Pricing.notional(order.quantity(), reference), quoteVolume, rules.fees())
                    : BigDecimal.ZERO;
            Fill fill = scratch.fill(order.orderId(), symbol, order.side(), order.type(), order.quantity(), reference,
                    fraction, rules, at);
            if (order.side() == OrderSide.BUY && fill.total().compareTo(order.locked().add(scratch.cash)) > 0) {
                out.add(new Execution.Cancelled(order.orderId(), symbol, ErrorCode.INSUFFICIENT_BALANCE,
                        "triggered " + order.type().code() + " buy would cost " + fill.total().toPlainString()
                                + " USDT at " + fill.price().toPlainString() + ", more than its lock "
                                + order.locked().toPlainString() + " plus available cash " + scratch.cash.toPlainString()));
                continue;
            }
            scratch.filled(fill);
            out.add(new Execution.Filled(fill));
        }
        return out;
    }

    private static List<Fill> fillsOf(List<Execution> executions) {
        if (executions.isEmpty()) {
            return List.of();
        }
        List<Fill> out = new ArrayList<>(executions.size());
        for (Execution execution : executions) {
            if (execution instanceof Execution.Filled filled) {
                out.add(filled.fill());
            }
        }
        return out;
    }

    /** A copy for simulating a bar: all balances and orders, but not the (irrelevant) fill history. */
    private Sandbox scratchCopy() {
        Sandbox copy = new Sandbox();
        copy.startingCash = startingCash;
        copy.cash = cash;
        copy.lockedCash = lockedCash;
        copy.positions = new TreeMap<>(positions);
        copy.openOrders = new LinkedHashMap<>(openOrders);
        copy.realizedPnl = realizedPnl;
        copy.feesPaid = feesPaid;
        copy.markedDay = markedDay;
        copy.dayStartEquity = dayStartEquity;
        return copy;
    }

    private Position requirePosition(String symbol) {
        Position position = positions.get(symbol);
        if (position == null) {
            throw new IllegalStateException("no position in " + symbol);
        }
        return position;
    }

    private static Position withLocked(Position p, BigDecimal locked) {
        return new Position(p.symbol(), p.quantity(), locked, p.avgEntryPrice(), p.buyFees(), p.openedAt());
    }

    private static String n(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
