package com.agentbattles.command.battle.core;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.time.Instant;
import java.util.List;

/**
 * Where a historical battle's clock gets its candles. The battle's historical session asks for the candles
 * of the steps it is about to take and records them in its step events, so nothing downstream
 * ever reads the candle store again: the log is the market the agents saw.
 */
public interface BattleCandles {

    /** Candles of every pair with open time in [from, toExclusive), oldest first; at one open time, pairs in the given order. */
    List<Candle> candles(List<String> pairs, CandleInterval interval, Instant from, Instant toExclusive);
}
