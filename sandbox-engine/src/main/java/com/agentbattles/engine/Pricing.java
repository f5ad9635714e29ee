package com.agentbattles.engine;

import com.agentbattles.domain.battle.FeeSchedule;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.trading.OrderSide;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of a fill, in one place so that a decision, a lock and a fill can never round
 * differently. Every scale here is fixed and every rounding mode explicit: the same inputs give
 * the same digits on every machine.
 */
final class Pricing {

    /** USDT amounts (notional, fee, total, cash, PnL): 8 dp, like Binance balances. */
    static final int USDT_SCALE = Decimals.USDT_SCALE;
    /** Executed prices: 8 dp, Binance's finest tick. */
    static final int PRICE_SCALE = 8;
    /** Average entry price: 12 dp, so that repeated averaging does not drift at 8 dp on cheap coins. */
    static final int AVG_PRICE_SCALE = 12;
    /** Slippage as a fraction of the price: 10 dp (0.000001 % resolution). */
    static final int SLIPPAGE_SCALE = 10;

    private Pricing() {
    }

    static BigDecimal usdt(BigDecimal value) {
        return value.setScale(USDT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Quantity × price, rounded half-even to 8 dp. */
    static BigDecimal notional(BigDecimal quantity, BigDecimal price) {
        return usdt(quantity.multiply(price));
    }

    /** Fee of a fill: notional × feePct / 100, half-even to 8 dp; never negative. */
    static BigDecimal fee(BigDecimal notional, FeeSchedule fees) {
        BigDecimal fee = usdt(notional.multiply(fees.feePct()).movePointLeft(2));
        return fee.signum() < 0 ? usdt(BigDecimal.ZERO) : fee;
    }

    /** The largest slippage fraction the schedule allows (maxSlippagePct / 100). */
    static BigDecimal ceiling(FeeSchedule fees) {
        return fees.maxSlippagePct().movePointLeft(2);
    }

    /**
     * clamp(slippageFactor × notional / quoteVolume, min, max) as a fraction of the price. An
     * unknown or zero quote volume cannot size the impact, so the ceiling applies (pessimistic).
     */
    static BigDecimal slippageFraction(BigDecimal notional, BigDecimal quoteVolume, FeeSchedule fees) {
        BigDecimal floor = fees.minSlippagePct().movePointLeft(2);
        BigDecimal ceiling = ceiling(fees);
        if (quoteVolume == null || quoteVolume.signum() <= 0) {
            return ceiling.setScale(SLIPPAGE_SCALE, RoundingMode.HALF_EVEN);
        }
        BigDecimal raw = fees.slippageFactor().multiply(notional).divide(quoteVolume, SLIPPAGE_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal clamped = raw.max(floor).min(ceiling);
        return clamped.setScale(SLIPPAGE_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * The executed price: the reference moved against the taker (a buy pays more, a sell gets
     * less) and rounded to 8 dp against the taker as well, so rounding never hands the agent a
     * better price than the model says.
     */
    static BigDecimal slipped(BigDecimal reference, BigDecimal fraction, OrderSide side) {
        if (side == OrderSide.BUY) {
            return reference.multiply(BigDecimal.ONE.add(fraction)).setScale(PRICE_SCALE, RoundingMode.UP);
        }
        return reference.multiply(BigDecimal.ONE.subtract(fraction)).setScale(PRICE_SCALE, RoundingMode.DOWN);
    }

    /** Slippage as the percentage a fill reports. */
    static BigDecimal percent(BigDecimal fraction) {
        return fraction.movePointRight(2);
    }

    /** What a buy at this price costs in all: notional + fee. */
    static BigDecimal buyCost(BigDecimal quantity, BigDecimal price, FeeSchedule fees) {
        BigDecimal notional = notional(quantity, price);
        return notional.add(fee(notional, fees));
    }
}
