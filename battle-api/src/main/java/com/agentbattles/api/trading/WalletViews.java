package com.agentbattles.api.trading;

import com.agentbattles.api.trading.TradingResponses.Balance;
import com.agentbattles.api.trading.TradingResponses.Balances;
import com.agentbattles.api.trading.TradingResponses.Portfolio;
import com.agentbattles.api.trading.TradingResponses.Position;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.domain.trading.WalletHoldings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The balance, positions and portfolio of one wallet, whichever it is (the agent's own, a live
 * battle wallet, a historical battle's wallet at its virtual prices): one way to build them, so
 * every wallet endpoint answers in the same shapes with the same arithmetic. A position whose
 * symbol has no price is valued at its average entry price (never at an invented one): its
 * unrealized PnL is 0 and current_price null.
 */
public final class WalletViews {

    private static final int USDT_SCALE = 8;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private WalletViews() {
    }

    public static Balances balances(WalletHoldings wallet) {
        List<Balance> balances = new ArrayList<>();
        balances.add(new Balance("USDT", Money.display(wallet.cash()), Money.display(wallet.lockedCash()),
                Money.display(wallet.cash().add(wallet.lockedCash()))));
        for (WalletHoldings.Holding held : wallet.positions()) {
            balances.add(new Balance(asset(held.symbol()), Money.plain(held.quantity().subtract(held.locked())),
                    Money.plain(held.locked()), Money.plain(held.quantity())));
        }
        return new Balances(balances);
    }

    /** @param prices the price of a symbol, empty when there is none */
    public static List<Position> positions(WalletHoldings wallet, Function<String, Optional<BigDecimal>> prices) {
        List<Position> positions = new ArrayList<>();
        for (WalletHoldings.Holding held : wallet.positions()) {
            Optional<BigDecimal> price = prices.apply(held.symbol());
            BigDecimal valuedAt = price.orElse(held.avgEntryPrice());
            BigDecimal cost = held.quantity().multiply(held.avgEntryPrice()).setScale(USDT_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal value = held.quantity().multiply(valuedAt).setScale(USDT_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal pnl = value.subtract(cost);
            BigDecimal pnlPct = cost.signum() == 0 ? BigDecimal.ZERO
                    : pnl.multiply(HUNDRED).divide(cost, 4, RoundingMode.HALF_EVEN);
            positions.add(new Position(held.symbol(), asset(held.symbol()), Money.plain(held.quantity()),
                    Money.plain(held.avgEntryPrice().setScale(USDT_SCALE, RoundingMode.HALF_EVEN)),
                    price.map(Money::plain).orElse(null), Money.display(value), Money.display(pnl), Money.display(pnlPct),
                    held.openedAt()));
        }
        return positions;
    }

    /** @param timestamp the moment the prices are of (the wall clock live, the virtual time in a historical battle) */
    public static Portfolio portfolio(WalletHoldings wallet, Function<String, Optional<BigDecimal>> prices,
                                      Instant timestamp) {
        List<Position> positions = positions(wallet, prices);
        BigDecimal positionValue = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        for (Position position : positions) {
            positionValue = positionValue.add(position.marketValue());
            unrealized = unrealized.add(position.unrealizedPnl());
        }
        BigDecimal equity = wallet.cash().add(wallet.lockedCash()).add(positionValue);
        BigDecimal start = wallet.startingBalance();
        BigDecimal roi = start.signum() == 0 ? BigDecimal.ZERO : PerformanceTracker.roiPct(start, equity);
        return new Portfolio(Money.display(equity), Money.display(wallet.cash()), Money.display(wallet.lockedCash()),
                Money.display(positionValue), Money.display(unrealized), Money.display(wallet.realizedPnl()),
                Money.display(equity.subtract(start)), Money.display(roi), Money.display(start), positions, timestamp);
    }

    private static String asset(String symbol) {
        return symbol.endsWith("USDT") ? symbol.substring(0, symbol.length() - 4) : symbol;
    }
}
