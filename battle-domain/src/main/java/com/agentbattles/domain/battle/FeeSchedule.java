package com.agentbattles.domain.battle;

import java.math.BigDecimal;

/**
 * Trading costs of a battle, fixed in its config so that results never depend on a default that
 * changed later. Slippage = clamp(slippageFactor × notional / candle quote volume, min, max).
 *
 * @param feePct          fee per fill, percent of notional
 * @param slippageFactor  multiplier of the order's share of the candle's quote volume
 * @param minSlippagePct  floor of the slippage, percent
 * @param maxSlippagePct  ceiling of the slippage, percent
 */
public record FeeSchedule(BigDecimal feePct, BigDecimal slippageFactor, BigDecimal minSlippagePct,
                          BigDecimal maxSlippagePct) {

    public static FeeSchedule defaults() {
        return new FeeSchedule(new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("0.01"), new BigDecimal("10"));
    }
}
