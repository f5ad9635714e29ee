package com.agentbattles.api.analytics;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.query.wallet.OwnWalletCurve.MarketCloses;
import com.agentbattles.query.wallet.OwnWalletCurve.TimedPrice;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The candle store's closes for one request: the latest 1m or 1h candle of a symbol whose close
 * time (open + interval) is at or before the moment asked, so a value at {@code t} never uses a
 * candle still open at {@code t}. Remembered per (symbol, moment): a curve asks each boundary once
 * per held symbol, and the ranks of a leaderboard ask the same boundaries again.
 */
final class StoreCloses implements MarketCloses {

    private static final List<CandleInterval> INTERVALS = List.of(CandleInterval.ONE_MINUTE, CandleInterval.ONE_HOUR);

    private final CandleStore store;
    private final Map<String, Optional<TimedPrice>> seen = new HashMap<>();

    StoreCloses(CandleStore store) {
        this.store = store;
    }

    @Override
    public Optional<TimedPrice> latestClosedBy(String symbol, Instant time) {
        return seen.computeIfAbsent(symbol + '@' + time.toEpochMilli(), key -> lookUp(symbol, time));
    }

    private Optional<TimedPrice> lookUp(String symbol, Instant time) {
        TimedPrice latest = null;
        for (CandleInterval interval : INTERVALS) {
            // closed by t: open + interval ≤ t, i.e. open < t − interval + 1 ms
            Instant openBefore = time.minus(interval.duration()).plusMillis(1);
            Optional<Candle> candle = store.latestBefore(symbol, interval, openBefore);
            if (candle.isPresent()) {
                Instant closedAt = candle.get().openTime().plus(interval.duration());
                if (latest == null || closedAt.isAfter(latest.at())) {
                    latest = new TimedPrice(closedAt, candle.get().close());
                }
            }
        }
        return Optional.ofNullable(latest);
    }
}
