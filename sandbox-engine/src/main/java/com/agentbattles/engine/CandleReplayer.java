package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Steps several pairs along one aligned timeline: step k (1-based) is the candles that opened at
 * {@code start + (k−1) × interval}, visible at its close. A pair without a candle at a step is
 * simply absent from that step: no price is invented for it.
 */
public final class CandleReplayer {

    /** One step of the timeline; {@code candles} holds at most one candle per pair, in pair order. */
    public record Step(long number, Instant openTime, Instant closeTime, List<Candle> candles) {
    }

    public CandleReplayer(CandleInterval interval, Instant start, Instant end, Map<String, List<Candle>> candlesByPair) {
        throw new UnsupportedOperationException();
    }

    public long totalSteps() {
        throw new UnsupportedOperationException();
    }

    /** The step with that number (1 … totalSteps). */
    public Step step(long number) {
        throw new UnsupportedOperationException();
    }
}
