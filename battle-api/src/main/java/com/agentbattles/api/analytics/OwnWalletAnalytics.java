package com.agentbattles.api.analytics;

import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.domain.metrics.TradeStatistics;
import com.agentbattles.query.wallet.OwnWalletCurve;
import com.agentbattles.query.wallet.OwnWalletCurve.MarketCloses;
import com.agentbattles.query.wallet.OwnWalletCurve.Point;
import com.agentbattles.query.wallet.OwnWalletCurve.Trade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The own wallet's analytics over its current session, by the one metrics calculator
 * ({@link PerformanceTracker}): its equity history at interval boundaries and its performance
 * over a period. Definitions: docs/metrics.md "Own wallets".
 */
final class OwnWalletAnalytics {

    /** The spacing of the curve every period's performance is measured on. */
    static final Duration PERFORMANCE_SPACING = Duration.ofHours(1);

    static final Map<String, Duration> INTERVALS = Map.of("5m", Duration.ofMinutes(5), "1h", Duration.ofHours(1),
            "1d", Duration.ofDays(1));
    /** The period's length; "all" is the whole session. */
    static final Map<String, Duration> PERIODS = Map.of("1d", Duration.ofDays(1), "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30), "all", Duration.ZERO);

    private OwnWalletAnalytics() {
    }

    static Duration interval(String raw) {
        Duration interval = raw == null ? INTERVALS.get("1h") : INTERVALS.get(raw.strip().toLowerCase(Locale.ROOT));
        if (interval == null) {
            throw Decimals.invalid("interval", "must be 5m, 1h or 1d");
        }
        return interval;
    }

    static String period(String raw) {
        String period = raw == null ? "all" : raw.strip().toLowerCase(Locale.ROOT);
        if (!PERIODS.containsKey(period)) {
            throw Decimals.invalid("period", "must be 1d, 7d, 30d or all");
        }
        return period;
    }

    /**
     * The session start, every boundary of the interval's UTC grid after it, and now (when it is
     * not a boundary itself): the latest {@code limit} of them, oldest first.
     */
    static List<Point> history(OwnWalletCurve curve, Duration interval, int limit, Instant now) {
        Instant start = curve.sessionStart();
        // only the latest `limit` moments are wanted: start the grid no earlier than needed
        Instant gridFrom = start;
        Instant earliestNeeded = now.minus(interval.multipliedBy(limit + 1L));
        if (earliestNeeded.isAfter(gridFrom)) {
            gridFrom = earliestNeeded;
        }
        List<Instant> times = new ArrayList<>();
        if (gridFrom.equals(start)) {
            times.add(start);
        }
        times.addAll(OwnWalletCurve.boundaries(interval, gridFrom, now));
        if (now.isAfter(times.isEmpty() ? start : times.get(times.size() - 1)) && !now.isBefore(start)) {
            times.add(now);
        }
        List<Instant> wanted = times.subList(Math.max(0, times.size() - limit), times.size());
        return curve.at(wanted);
    }

    /** What a period's performance comes from: the calculator's two answers and the period's span. */
    record Performance(String period, Instant from, PerformanceMetrics metrics, TradeStatistics trades) {
    }

    /**
     * The period's curve, from its start (the session start, or now − the period if later) valued
     * as the tracker's starting balance, through every 1h boundary up to now and now; the fills of the
     * period; roi and pnl from the value now.
     */
    static Performance performance(OwnWalletCurve curve, String period, Instant now) {
        Duration length = PERIODS.get(period);
        Instant from = curve.sessionStart();
        if (!length.isZero() && now.minus(length).isAfter(from)) {
            from = now.minus(length);
        }
        Point opening = curve.at(from);
        PerformanceTracker tracker = new PerformanceTracker(
                opening.totalEquity().signum() > 0 ? opening.totalEquity() : curve.startingBalance(), PERFORMANCE_SPACING);
        List<Instant> moments = new ArrayList<>(OwnWalletCurve.boundaries(PERFORMANCE_SPACING, from, now));
        // and now itself, as the history ends: else a fall within the last (or the first) hour
        // would be in roi but not in the drawdown
        if (now.isAfter(moments.isEmpty() ? from : moments.get(moments.size() - 1))) {
            moments.add(now);
        }
        for (Point point : curve.at(moments)) {
            tracker.recordEquity(point.time(), point.totalEquity());
        }
        for (Trade trade : curve.trades(from, now)) {
            tracker.recordFill();
            if (trade.realizedPnl() != null) {
                tracker.recordRealizedSell(trade.realizedPnl());
            }
        }
        return new Performance(period, from, tracker.metrics(curve.at(now).totalEquity()), tracker.tradeStatistics());
    }

    static MarketCloses closes(com.agentbattles.marketdata.store.CandleStore store) {
        return new StoreCloses(store);
    }
}
