package com.agentbattles.api.battle;

import com.agentbattles.domain.market.Candle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One participant's view of its battle ({@code GET /battles/{id}/state}), snake_case by the REST
 * mapper. A record of its own so that further facts about the clock (who it waits for, a step
 * deadline) are added as components without touching how the rest is built.
 *
 * @param step       the historical clock's step (0 before the first); null for a live battle
 * @param totalSteps null for a live battle
 * @param virtualTime the close time of the current step's candles; null for a live battle
 * @param candles    the candles the current step closed (as its BattleStepped event recorded
 *                   them, one per pair that had one); empty before the first step and live
 * @param prices     symbol → the latest price the agents have seen (the virtual clock's, or a
 *                   live battle's feed and latest snapshot)
 * @param clock      historical: {@code owner} or {@code agents}; null for a live battle
 * @param stillDeciding agents' clock: the active participants not yet done with the current step
 *                   (empty on the owner's clock and once the battle has ended)
 * @param stepDeadline agents' clock: when the current step times out; null when it waits for ever,
 *                   on the owner's clock, and once the battle has ended
 */
public record BattleState(String battleId, String status, String battleMode, Long step, Long totalSteps,
                          Instant virtualTime, List<StepCandle> candles, Map<String, BigDecimal> prices,
                          ParticipantState participant, String clock, List<String> stillDeciding,
                          Instant stepDeadline) {

    /** One closed candle of the current step. */
    public record StepCandle(String symbol, String interval, Instant openTime, Instant closeTime, BigDecimal open,
                             BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
                             BigDecimal quoteVolume, Long tradeCount) {
        static StepCandle of(Candle c) {
            return new StepCandle(c.symbol(), c.interval().code(), c.openTime(), c.closeTime(), c.open(), c.high(),
                    c.low(), c.close(), c.volume(), c.quoteVolume(), c.tradeCount() < 0 ? null : c.tradeCount());
        }
    }

    /** The calling participant. */
    public record ParticipantState(String agentId, String agentName, String status) {
    }
}
