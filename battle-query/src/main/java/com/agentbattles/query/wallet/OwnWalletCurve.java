package com.agentbattles.query.wallet;

import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.domain.trading.WalletHoldings.Holding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The own wallet of one session valued at past moments. The value at {@code t} uses only what
 * was known by {@code t}: the holdings after the last change at or before {@code t}, and per
 * held symbol the latest price known by then — a price the wallet's events recorded at or before
 * {@code t}, or a candle of the store that had closed by {@code t}, whichever is later (a
 * recorded price on a tie). A holding without any such price is valued at its average entry
 * price, as the portfolio view does. Definitions: docs/metrics.md "Own wallets".
 */
public final class OwnWalletCurve {

    /** Closes of the candle store: the latest candle of a symbol that had closed by a moment. */
    @FunctionalInterface
    public interface MarketCloses {
        Optional<TimedPrice> latestClosedBy(String symbol, Instant time);

        MarketCloses NONE = (symbol, time) -> Optional.empty();
    }

    public record TimedPrice(Instant at, BigDecimal price) {
    }

    /** The wallet after one change. */
    public record Change(Instant at, WalletHoldings holdings) {
    }

    /** A fill of the session; {@code realizedPnl} null for a buy. */
    public record Trade(Instant at, BigDecimal realizedPnl) {
    }

    public record Point(Instant time, BigDecimal totalEquity, BigDecimal unrealizedPnl, BigDecimal realizedPnl) {
    }

    private final Instant sessionStart;
    private final BigDecimal startingBalance;
    /** In event order. */
    private final List<Change> changes;
    private final List<Trade> trades;
    /** Per symbol, in time order. */
    private final Map<String, List<TimedPrice>> recorded;
    private final MarketCloses market;

    public OwnWalletCurve(Instant sessionStart, BigDecimal startingBalance, List<Change> changes, List<Trade> trades,
                          Map<String, List<TimedPrice>> recorded, MarketCloses market) {
        this.sessionStart = sessionStart;
        this.startingBalance = startingBalance;
        this.changes = List.copyOf(changes);
        this.trades = List.copyOf(trades);
        // each symbol's prices in time order (a stable sort keeps event order among equal times)
        Map<String, List<TimedPrice>> sorted = new HashMap<>();
        recorded.forEach((symbol, prices) -> sorted.put(symbol,
                prices.stream().sorted(Comparator.comparing(TimedPrice::at)).toList()));
        this.recorded = Map.copyOf(sorted);
        this.market = market;
    }

    public Instant sessionStart() {
        return sessionStart;
    }

    public BigDecimal startingBalance() {
        return startingBalance;
    }

    /** The wallet valued at {@code time} (not before the session start). */
    public Point at(Instant time) {
        return at(List.of(time)).get(0);
    }

    /**
     * The wallet valued at each of {@code times}, which must be in ascending order: one sweep
     * over the changes and the prices, O(changes + prices + times), whatever the session's length.
     */
    public List<Point> at(List<Instant> times) {
        // "the last change in event order recorded at or before t": sweep the changes by time and
        // keep the latest event among those reached
        List<Integer> byTime = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            byTime.add(i);
        }
        byTime.sort(Comparator.comparing(i -> changes.get(i).at()));
        Map<String, Integer> reached = new HashMap<>();
        List<Point> points = new ArrayList<>(times.size());
        int next = 0;
        int latest = -1;
        Instant previous = null;
        for (Instant time : times) {
            if (previous != null && time.isBefore(previous)) {
                throw new IllegalArgumentException("times must ascend: " + time + " after " + previous);
            }
            previous = time;
            while (next < byTime.size() && !changes.get(byTime.get(next)).at().isAfter(time)) {
                latest = Math.max(latest, byTime.get(next));
                next++;
            }
            WalletHoldings holdings = latest < 0 ? WalletHoldings.cashOnly(startingBalance) : changes.get(latest).holdings();
            points.add(value(holdings, time, reached));
        }
        return points;
    }

    private Point value(WalletHoldings holdings, Instant time, Map<String, Integer> reached) {
        BigDecimal equity = holdings.cash().add(holdings.lockedCash());
        BigDecimal unrealized = BigDecimal.ZERO;
        for (Holding held : holdings.positions()) {
            BigDecimal price = priceAt(held.symbol(), time, reached).orElse(held.avgEntryPrice());
            equity = equity.add(held.quantity().multiply(price));
            unrealized = unrealized.add(held.quantity().multiply(price.subtract(held.avgEntryPrice())));
        }
        BigDecimal realized = holdings.realizedPnl() == null ? BigDecimal.ZERO : holdings.realizedPnl();
        return new Point(time, usdt(equity), usdt(unrealized), usdt(realized));
    }

    /**
     * The moments on the UTC grid of {@code interval} (epoch multiples) in ({@code after}, {@code upTo}],
     * oldest first.
     */
    public static List<Instant> boundaries(Duration interval, Instant after, Instant upTo) {
        long step = interval.toMillis();
        long first = Math.floorDiv(after.toEpochMilli(), step) * step + step;
        List<Instant> times = new ArrayList<>();
        for (long t = first; t <= upTo.toEpochMilli(); t += step) {
            times.add(Instant.ofEpochMilli(t));
        }
        return times;
    }

    /** The session's fills in ({@code after}, {@code upTo}], in event order. */
    public List<Trade> trades(Instant after, Instant upTo) {
        return trades.stream().filter(t -> t.at().isAfter(after) && !t.at().isAfter(upTo)).toList();
    }

    /** {@code reached}: per symbol, how many of its recorded prices are at or before the previous moment asked. */
    private Optional<BigDecimal> priceAt(String symbol, Instant time, Map<String, Integer> reached) {
        List<TimedPrice> prices = recorded.getOrDefault(symbol, List.of());
        int count = reached.getOrDefault(symbol, 0);
        while (count < prices.size() && !prices.get(count).at().isAfter(time)) {
            count++;
        }
        reached.put(symbol, count);
        TimedPrice best = count == 0 ? null : prices.get(count - 1);
        Optional<TimedPrice> candle = market.latestClosedBy(symbol, time);
        if (candle.isPresent() && (best == null || candle.get().at().isAfter(best.at()))) {
            best = candle.get();
        }
        return Optional.ofNullable(best).map(TimedPrice::price);
    }

    private static BigDecimal usdt(BigDecimal amount) {
        return amount.setScale(Decimals.USDT_SCALE, RoundingMode.HALF_EVEN);
    }
}
