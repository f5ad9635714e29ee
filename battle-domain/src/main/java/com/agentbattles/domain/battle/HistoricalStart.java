package com.agentbattles.domain.battle;

import com.agentbattles.domain.market.CandleInterval;

import java.time.Instant;
import java.util.List;

/**
 * What starting a historical battle fixes beyond its config: the exact window (resolved from
 * stored coverage when the config left it open), the number of steps and a fingerprint of the
 * candles it will replay, so results can later be re-derived and audited from the log alone.
 * Produced outside the aggregate (it needs the candle store) and checked by it against its config.
 *
 * @param dataFingerprint hash of the candles of every pair in the window, in a canonical order
 */
public record HistoricalStart(Instant startTime, Instant endTime, CandleInterval candleInterval, List<String> pairs,
                              long totalSteps, String dataFingerprint) {

    public HistoricalStart {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** True when this start was prepared for that config (a concurrent edit would make it stale). */
    public boolean fits(BattleConfig config) {
        boolean sameData = candleInterval == config.candleInterval() && pairs.equals(config.pairs());
        boolean sameWindow = config.hasWindow()
                ? startTime.equals(config.startTime()) && endTime.equals(config.endTime())
                : java.time.Duration.between(startTime, endTime).toMinutes() == config.durationMinutes();
        return sameData && sameWindow && totalSteps > 0;
    }
}
