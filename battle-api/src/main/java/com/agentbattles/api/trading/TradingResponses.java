package com.agentbattles.api.trading;

import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.query.wallet.AgentTradingReadModel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The live-trading shapes of the spec ("Trading endpoints for agents"), snake_case by the REST mapper. */
public final class TradingResponses {

    private TradingResponses() {
    }

    /** @param rationale the agent's note on why (optional, at most 2,000 characters), recorded with the order */
    public record OrderBody(String symbol, String side, String type, BigDecimal quantity, BigDecimal price,
                            BigDecimal triggerPrice, String rationale) {
    }

    public record Order(String orderId, String status, String symbol, String side, String type, BigDecimal quantity,
                        BigDecimal price, BigDecimal triggerPrice, BigDecimal executedPrice, BigDecimal executedQuantity,
                        BigDecimal slippagePct, BigDecimal fee, BigDecimal totalCost, Instant createdAt,
                        Instant filledAt, String rationale) {

        public static Order of(AgentTradingReadModel.Order o) {
            return new Order(o.orderId(), o.status(), o.symbol(), o.side(), o.type(), Money.plain(o.quantity()),
                    Money.plain(o.price()), Money.plain(o.triggerPrice()), Money.plain(o.executedPrice()),
                    o.executedQuantity() == null ? BigDecimal.ZERO : Money.plain(o.executedQuantity()),
                    Money.plain(o.slippagePct()), Money.display(o.fee()), Money.display(o.totalCost()), o.createdAt(),
                    o.filledAt(), o.rationale());
        }
    }

    public record Orders(List<Order> orders) {
    }

    /**
     * The answer to a placed order, the same from every endpoint that takes one (live, a battle's):
     * built from what the aggregate decided, so it never waits for a read model.
     */
    public record PlacedOrder(String orderId, String agentId, String status, String symbol, String side, String type,
                              BigDecimal quantity, BigDecimal price, BigDecimal triggerPrice, BigDecimal executedPrice,
                              BigDecimal executedQuantity, BigDecimal slippagePct, BigDecimal fee, BigDecimal totalCost,
                              BigDecimal realizedPnl, long step, Instant createdAt, Instant filledAt, String rationale) {

        public static PlacedOrder of(OrderOutcome outcome) {
            OrderRequest request = outcome.request();
            Fill fill = outcome.fill();
            RestingOrder resting = outcome.resting();
            return new PlacedOrder(outcome.orderId(), outcome.agentId(), outcome.status(), request.symbol(),
                    request.side().code(), request.type().code(), Money.plain(request.quantity()),
                    Money.plain(resting != null ? resting.price() : request.price()),
                    Money.plain(resting != null ? resting.triggerPrice() : request.triggerPrice()),
                    fill == null ? null : Money.plain(fill.price()),
                    fill == null ? BigDecimal.ZERO : Money.plain(fill.quantity()),
                    fill == null ? null : Money.plain(fill.slippagePct()), fill == null ? null : Money.display(fill.fee()),
                    fill == null ? null : Money.display(fill.total()),
                    fill == null ? null : Money.display(fill.realizedPnl()), outcome.step(),
                    resting != null ? resting.createdAt() : outcome.at(), fill == null ? null : fill.executedAt(),
                    request.rationale());
        }
    }

    public record Trade(String tradeId, String orderId, String symbol, String side, BigDecimal quantity,
                        BigDecimal price, BigDecimal fee, BigDecimal total, Instant executedAt, String rationale) {

        public static Trade of(AgentTradingReadModel.Trade t) {
            return new Trade(t.tradeId(), t.orderId(), t.symbol(), t.side(), Money.plain(t.quantity()),
                    Money.plain(t.price()), Money.display(t.fee()), Money.display(t.total()), t.executedAt(),
                    t.rationale());
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
