package com.agentbattles.domain.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything a wallet holds at one moment, enough to put it back exactly: USDT (available and
 * locked), positions with their cost basis, resting orders, and the running totals a portfolio
 * shows. Events carry it when a wallet changes hands (set aside for a battle, provisioned,
 * closed, restored).
 *
 * @param startingBalance the balance the wallet's ROI is measured against
 */
public record WalletHoldings(BigDecimal startingBalance, BigDecimal cash, BigDecimal lockedCash,
                             List<Holding> positions, List<RestingOrder> openOrders,
                             BigDecimal realizedPnl, BigDecimal feesPaid) {

    public WalletHoldings {
        positions = positions == null ? List.of() : List.copyOf(positions);
        openOrders = openOrders == null ? List.of() : List.copyOf(openOrders);
    }

    /** A wallet of USDT only: what a fresh battle wallet starts with. */
    public static WalletHoldings cashOnly(BigDecimal usdt) {
        return new WalletHoldings(usdt, usdt, BigDecimal.ZERO, List.of(), List.of(), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * What the wallet holds valued at cost (USDT, locked USDT, positions at their average entry
     * price), at USDT scale: the baseline an existing-mode battle wallet's ROI is measured against,
     * since no market price was recorded for it before the battle. One definition for the battle
     * aggregate and the read side.
     */
    public BigDecimal valueAtCost() {
        BigDecimal value = cash.add(lockedCash);
        for (Holding held : positions) {
            value = value.add(held.quantity().multiply(held.avgEntryPrice()));
        }
        return value.setScale(com.agentbattles.domain.common.Decimals.USDT_SCALE, java.math.RoundingMode.HALF_EVEN);
    }

    /**
     * One held base asset.
     *
     * @param locked  the part resting sells hold
     * @param buyFees buy fees of the quantity still held, charged to the PnL of later sells
     */
    public record Holding(String symbol, BigDecimal quantity, BigDecimal locked, BigDecimal avgEntryPrice,
                          BigDecimal buyFees, Instant openedAt) {
    }
}
