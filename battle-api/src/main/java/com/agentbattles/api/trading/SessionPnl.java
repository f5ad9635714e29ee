package com.agentbattles.api.trading;

import com.agentbattles.api.web.Money;
import com.agentbattles.domain.metrics.PerformanceMetrics;
import com.agentbattles.domain.metrics.PerformanceTracker;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.wallet.AgentTradingReadModel.Session;
import com.agentbattles.query.wallet.AgentTradingReadModel.SessionFill;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The PnL of the current session of an agent's own wallet over a window (docs/live-trading.md
 * "PnL of the session"). Realized PnL and fees are the window's fills as their events recorded
 * them; unrealized PnL is the wallet as it stands, valued like {@code /account/positions}.
 * A sell's realized PnL already has its own fee and its share of the buy fees taken off
 * (docs/trading-rules.md), so {@code net_pnl} takes off only what no realized PnL holds yet: the
 * buy fees of the quantity still held. Over the whole session that makes {@code net_pnl} the
 * change of equity since the session started.
 */
public final class SessionPnl {

    /** The answer of {@code GET /account/pnl}. */
    public record Report(String period, BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalPnl,
                         BigDecimal feesPaid, BigDecimal netPnl, long winningTrades, long losingTrades,
                         BigDecimal winRate, long sells, String sessionId, Instant from, Instant to) {
    }

    private SessionPnl() {
    }

    /**
     * @param from   where the window starts (the session's start for the whole session)
     * @param to     where it ends
     * @param prices the latest price of a symbol, empty when there is none
     */
    public static Report of(PnlPeriod period, Session session, List<SessionFill> fills,
                            Function<String, Optional<BigDecimal>> prices, Instant from, Instant to) {
        WalletHoldings wallet = session.ownWallet();
        // the one win-rate implementation; only its counts are read, so the spacing is immaterial
        PerformanceTracker tracker = new PerformanceTracker(wallet.startingBalance(), Duration.ofMinutes(1));
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        long losing = 0;
        for (SessionFill fill : fills) {
            fees = fees.add(fill.fee());
            if (fill.realizedPnl() != null) {
                tracker.recordRealizedSell(fill.realizedPnl());
                realized = realized.add(fill.realizedPnl());
                if (fill.realizedPnl().signum() < 0) {
                    losing++;
                }
            }
        }
        BigDecimal unrealized = WalletViews.positions(wallet, prices).stream()
                .map(TradingResponses.Position::unrealizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal heldBuyFees = wallet.positions().stream()
                .map(held -> held.buyFees() == null ? BigDecimal.ZERO : held.buyFees())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = realized.add(unrealized);
        PerformanceMetrics metrics = tracker.metrics(wallet.startingBalance());
        // no sell in the window: 0 rather than null, since clients parse it as a number; sells = 0 says why
        BigDecimal winRate = metrics.winRate() == null ? BigDecimal.ZERO : metrics.winRate();
        return new Report(period.code(), Money.display(realized), Money.display(unrealized), Money.display(total),
                Money.display(fees), Money.display(total.subtract(heldBuyFees)), metrics.winningSells(), losing,
                Money.display(winRate), metrics.sells(), session.sessionId(), from, to);
    }
}
