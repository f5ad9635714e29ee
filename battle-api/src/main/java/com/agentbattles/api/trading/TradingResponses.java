package com.agentbattles.api.trading;

import com.agentbattles.api.web.Money;
import com.agentbattles.query.wallet.AgentTradingReadModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The live-trading shapes of the spec ("Trading endpoints for agents"), snake_case by the REST mapper. */
public final class TradingResponses {

    private TradingResponses() {
    }

    public record OrderBody(String symbol, String side, String type, BigDecimal quantity, BigDecimal price,
                            BigDecimal triggerPrice) {
    }

    public record Order(String orderId, String status, String symbol, String side, String type, BigDecimal quantity,
                        BigDecimal price, BigDecimal triggerPrice, BigDecimal executedPrice, BigDecimal executedQuantity,
                        BigDecimal slippagePct, BigDecimal fee, BigDecimal totalCost, Instant createdAt,
                        Instant filledAt) {

        static Order of(AgentTradingReadModel.Order o) {
            return new Order(o.orderId(), o.status(), o.symbol(), o.side(), o.type(), Money.plain(o.quantity()),
                    Money.plain(o.price()), Money.plain(o.triggerPrice()), Money.plain(o.executedPrice()),
                    o.executedQuantity() == null ? BigDecimal.ZERO : Money.plain(o.executedQuantity()),
                    Money.plain(o.slippagePct()), Money.display(o.fee()), Money.display(o.totalCost()), o.createdAt(),
                    o.filledAt());
        }
    }

    public record Orders(List<Order> orders) {
    }

    public record Trade(String tradeId, String orderId, String symbol, String side, BigDecimal quantity,
                        BigDecimal price, BigDecimal fee, BigDecimal total, Instant executedAt) {

        static Trade of(AgentTradingReadModel.Trade t) {
            return new Trade(t.tradeId(), t.orderId(), t.symbol(), t.side(), Money.plain(t.quantity()),
                    Money.plain(t.price()), Money.display(t.fee()), Money.display(t.total()), t.executedAt());
        }
    }

    public record Trades(List<Trade> trades) {
    }

    public record CancelledCount(int cancelledCount) {
    }

    public record Balance(String asset, BigDecimal available, BigDecimal locked, BigDecimal total) {
    }

    public record Balances(List<Balance> balances) {
    }

    public record Position(String symbol, String asset, BigDecimal quantity, BigDecimal avgEntryPrice,
                           BigDecimal currentPrice, BigDecimal marketValue, BigDecimal unrealizedPnl,
                           BigDecimal unrealizedPnlPct, Instant openedAt) {
    }

    public record Positions(List<Position> positions) {
    }

    public record Portfolio(BigDecimal totalEquity, BigDecimal availableCash, BigDecimal lockedCash,
                            BigDecimal totalPositionValue, BigDecimal unrealizedPnl, BigDecimal realizedPnl,
                            BigDecimal totalPnl, BigDecimal roiPct, BigDecimal startingBalance, List<Position> positions,
                            Instant timestamp) {
    }
}
