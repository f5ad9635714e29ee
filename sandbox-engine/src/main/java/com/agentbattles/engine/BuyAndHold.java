package com.agentbattles.engine;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.battle.BattleConfig;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.metrics.BaselineValue;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.Quote;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buy-and-hold baseline of a battle: its starting balance split evenly over its pairs, each
 * share spent on one market buy at the pair's first recorded price, then held and valued at every
 * snapshot. The buys are the engine's own market fills ({@link Sandbox#marketFill}: the battle's
 * fee and slippage, the same rounding as a participant's order) into a {@link Sandbox} of its
 * own, and the valuation is {@link Sandbox#equity}, so the baseline is a participant that never
 * trades again, not a second formula.
 *
 * <p>Folded from the battle's events alone ({@link #apply}): {@code BattleStarted} gives the
 * config, {@code BattleStepped} (its candles) and {@code LiveSnapshotTaken} (its quotes) the
 * prices. The read side, the WebSocket push and the audit all fold it this way. A snapshot at or
 * below the last one folded is ignored, so a redelivery changes nothing. Serialisable through its
 * fields, like the sandbox it holds.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class BuyAndHold {

    private static final String ORDER_PREFIX = "baseline-";
    private static final BigDecimal TICK = new BigDecimal("0.00000001");

    private BigDecimal startingBalance;
    private List<String> pairs;
    private FeeSchedule fees;
    /** What each pair may spend: starting balance / pairs, rounded down to 8 dp (the dust stays cash). */
    private BigDecimal share;
    private Sandbox wallet;
    private PriceBoard prices = new PriceBoard();
    private List<String> bought = new ArrayList<>();
    /** The last snapshot folded: a historical step or a live snapshot's sequence; 0 before any. */
    private long step;

    /** For Jackson. */
    private BuyAndHold() {
    }

    public BuyAndHold(BigDecimal startingBalance, List<String> pairs, FeeSchedule fees) {
        // a battle without pairs (none in a well-formed config) has nothing to hold: its value stays null
        this.startingBalance = startingBalance;
        this.pairs = pairs == null ? List.of() : List.copyOf(pairs);
        this.fees = fees == null ? FeeSchedule.defaults() : fees;
        this.share = this.pairs.isEmpty() ? startingBalance
                : startingBalance.divide(BigDecimal.valueOf(this.pairs.size()), Pricing.USDT_SCALE, RoundingMode.DOWN);
        this.wallet = new Sandbox(startingBalance);
    }

    public static BuyAndHold of(BattleConfig config) {
        return new BuyAndHold(config.startingBalance(), config.pairs(), config.fees());
    }

    /** The baseline of a battle from its whole log, or null when the log has no start. */
    public static BuyAndHold fold(Iterable<?> events) {
        BuyAndHold baseline = null;
        for (Object event : events) {
            if (event instanceof BattleStarted started && baseline == null) {
                baseline = of(started.config());
            } else if (baseline != null) {
                baseline.apply(event);
            }
        }
        return baseline;
    }

    /**
     * Folds one event of the battle's log; true when it was a new snapshot (the baseline was
     * valued again). Events other than steps and live snapshots change nothing.
     */
    public boolean apply(Object event) {
        if (event instanceof BattleStepped stepped) {
            List<Quote> quotes = new ArrayList<>(stepped.candles().size());
            for (Candle candle : stepped.candles()) {
                quotes.add(new Quote(candle.symbol(), candle.close(), candle.quoteVolumeOrEstimate(), candle.closeTime()));
            }
            return observe(stepped.step(), quotes);
        }
        if (event instanceof LiveSnapshotTaken snapshot) {
            return observe(snapshot.sequence(), snapshot.prices());
        }
        return false;
    }

    /**
     * The prices of snapshot {@code step}: each pair priced for the first time is bought with its
     * share. False (and nothing changes) for a snapshot already folded.
     */
    public boolean observe(long step, Collection<Quote> quotes) {
        if (step <= this.step) {
            return false;
        }
        this.step = step;
        for (Quote quote : quotes) {
            if (pairs.contains(quote.symbol())) {
                prices.update(quote);
            }
        }
        for (String symbol : pairs) {
            Quote quote = prices.quoteOrNull(symbol);
            if (quote != null && !bought.contains(symbol)) {
                bought.add(symbol);
                Fill fill = buy(symbol, quote);
                if (fill != null) {
                    wallet.filled(fill);
                }
            }
        }
        return true;
    }

    /**
     * The largest quantity (8 dp) whose market buy, with its fee, costs at most the pair's share.
     * The slippage of a whole share bounds the slippage of any smaller buy (it grows with the
     * notional), so share / (price slipped by it × (1 + fee)) is a quantity that fits up to the
     * 8-dp rounding of notional and fee, which the loop takes off; the engine's fill decides the
     * actual price, fee and total.
     */
    private Fill buy(String symbol, Quote quote) {
        TradingRules rules = new TradingRules(pairs, fees, RiskConfig.defaults());
        BigDecimal budget = share.min(wallet.cash());
        BigDecimal worst = Pricing.slipped(quote.price(),
                Pricing.slippageFraction(budget, quote.quoteVolume(), fees), OrderSide.BUY);
        BigDecimal perUnit = worst.multiply(BigDecimal.ONE.add(fees.feePct().movePointLeft(2)));
        if (perUnit.signum() <= 0) {
            return null;
        }
        BigDecimal quantity = budget.divide(perUnit, Pricing.USDT_SCALE, RoundingMode.DOWN);
        while (quantity.signum() > 0) {
            Fill fill = wallet.marketFill(ORDER_PREFIX + symbol, symbol, OrderSide.BUY, quantity, quote, rules, quote.time());
            BigDecimal over = fill.total().subtract(budget);
            if (over.signum() <= 0) {
                return fill;
            }
            quantity = quantity.subtract(TICK.max(over.divide(perUnit, Pricing.USDT_SCALE, RoundingMode.UP)));
        }
        return null;
    }

    /** Null before the first price: nothing bought yet, nothing to compare against. */
    public BaselineValue value() {
        if (bought.isEmpty()) {
            return null;
        }
        return BaselineValue.of(startingBalance, wallet.equity(prices), holdings());
    }

    /** Symbol → quantity bought. */
    public Map<String, BigDecimal> holdings() {
        Map<String, BigDecimal> held = new TreeMap<>();
        for (Position position : wallet.positions()) {
            held.put(position.symbol(), position.quantity());
        }
        return held;
    }

    /** The buys, in the order they filled (one per pair priced so far). */
    public List<Fill> fills() {
        return wallet.fills();
    }

    public long step() {
        return step;
    }

    public BigDecimal startingBalance() {
        return startingBalance;
    }

    public BigDecimal cash() {
        return wallet.cash();
    }
}
