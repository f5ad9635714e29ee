package com.agentbattles.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A holding of one base asset, as a read of a sandbox.
 *
 * @param quantity     all of it, including what resting sells hold
 * @param locked       the part resting sell orders hold
 * @param avgEntryPrice volume-weighted buy price, fees excluded
 * @param buyFees      buy fees of the quantity still held, charged to the PnL of the sells that follow
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal locked, BigDecimal avgEntryPrice,
                       BigDecimal buyFees, Instant openedAt) {

    public BigDecimal available() {
        return quantity.subtract(locked);
    }
}
