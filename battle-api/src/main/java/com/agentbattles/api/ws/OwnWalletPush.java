package com.agentbattles.api.ws;

import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.TradingResponses;
import com.agentbattles.api.trading.WalletViews;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderRejected;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.query.wallet.AgentTradingProjection;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code orders} and {@code portfolio} channels of an agent's own wallet. Every order event
 * of the wallet is pushed as {@code {"type": "order", "channel": "orders", "event": placed |
 * filled | cancelled | rejected, …}} with the order's fields (its type as {@code order_type}) and
 * in {@code data} the order in the shape of {@code GET /trade/order/{id}}; after each fill, and every {@code battles.websocket.portfolio-interval},
 * the wallet's portfolio in the shape of {@code GET /account/portfolio} (same function, same
 * prices). Same processor as the battle pushes: starts at the head of the log, never replays.
 *
 * <p>An order's fill or cancel event does not repeat the order (its limit, trigger, creation
 * time): they are kept here from its placement while somebody follows the agent, else read from
 * the wallet read model, which has had the placement for as long as the order rested.
 */
@Component
@ProcessingGroup(PushProcessors.WEBSOCKET_PUSH)
class OwnWalletPush {

    private static final Logger log = LoggerFactory.getLogger(OwnWalletPush.class);
    private static final List<String> WALLET_PROJECTIONS = List.of(AgentTradingProjection.NAME);

    private final ObjectProvider<StreamFeed> feed;
    private final AgentTradingReadModel trading;
    private final ReadModelBarrier barrier;
    private final PriceFeed prices;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, RestingOrder> resting = new ConcurrentHashMap<>();
    /** Portfolios are read after the read model has the fill: off the push processor's thread. */
    private final ExecutorService portfolios = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ws-portfolio");
        thread.setDaemon(true);
        return thread;
    });

    OwnWalletPush(ObjectProvider<StreamFeed> feed, AgentTradingReadModel trading, ReadModelBarrier barrier,
                  PriceFeed prices, Clock clock, ObjectMapper json) {
        this.feed = feed;
        this.trading = trading;
        this.barrier = barrier;
        this.prices = prices;
        this.clock = clock;
        this.json = json;
    }

    @PreDestroy
    void stop() {
        portfolios.shutdownNow();
    }

    @EventHandler
    @DisallowReplay
    void on(WalletOrderPlaced event) {
        RestingOrder order = event.order();
        if (!followed(StreamChannel.ordersTopic(event.agentId()))) {
            return;
        }
        resting.put(order.orderId(), order);
        push(event.agentId(), "placed", new TradingResponses.Order(order.orderId(), "open", order.symbol(),
                order.side().code(), order.type().code(), Money.plain(order.quantity()), Money.plain(order.price()),
                Money.plain(order.triggerPrice()), null, BigDecimal.ZERO, null, null, null, order.createdAt(), null,
                event.rationale()), Map.of());
    }

    @EventHandler
    @DisallowReplay
    void on(WalletOrderFilled event) {
        Fill fill = event.fill();
        RestingOrder placed = resting.remove(fill.orderId());
        if (followed(StreamChannel.ordersTopic(event.agentId()))) {
            // a market order is placed and filled at once: nothing to look up
            Optional<AgentTradingReadModel.Order> row = placed != null || fill.type() == OrderType.MARKET
                    ? Optional.empty() : trading.order(event.agentId(), fill.orderId());
            BigDecimal price = placed != null ? placed.price() : row.map(AgentTradingReadModel.Order::price).orElse(null);
            BigDecimal trigger = placed != null ? placed.triggerPrice()
                    : row.map(AgentTradingReadModel.Order::triggerPrice).orElse(null);
            Instant createdAt = placed != null ? placed.createdAt()
                    : row.map(AgentTradingReadModel.Order::createdAt).orElse(fill.executedAt());
            String rationale = event.rationale() != null ? event.rationale()
                    : row.map(AgentTradingReadModel.Order::rationale).orElse(null);
            push(event.agentId(), "filled", new TradingResponses.Order(fill.orderId(), "filled", fill.symbol(),
                    fill.side().code(), fill.type().code(), Money.plain(fill.quantity()), Money.plain(price),
                    Money.plain(trigger), Money.plain(fill.price()), Money.plain(fill.quantity()),
                    Money.plain(fill.slippagePct()), Money.display(fill.fee()), Money.display(fill.total()), createdAt,
                    fill.executedAt(), rationale), Map.of());
        }
        String portfolio = StreamChannel.portfolioTopic(event.agentId());
        if (followed(portfolio)) {
            pushPortfolio(event.agentId(), "fill");
        }
    }

    @EventHandler
    @DisallowReplay
    void on(WalletOrderCancelled event) {
        RestingOrder placed = resting.remove(event.orderId());
        if (!followed(StreamChannel.ordersTopic(event.agentId()))) {
            return;
        }
        TradingResponses.Order order;
        if (placed != null) {
            order = new TradingResponses.Order(placed.orderId(), "cancelled", placed.symbol(), placed.side().code(),
                    placed.type().code(), Money.plain(placed.quantity()), Money.plain(placed.price()),
                    Money.plain(placed.triggerPrice()), null, BigDecimal.ZERO, null, null, null, placed.createdAt(),
                    null, null);
        } else {
            Optional<AgentTradingReadModel.Order> row = trading.order(event.agentId(), event.orderId());
            order = row.map(o -> new TradingResponses.Order(o.orderId(), "cancelled", o.symbol(), o.side(), o.type(),
                            Money.plain(o.quantity()), Money.plain(o.price()), Money.plain(o.triggerPrice()), null,
                            BigDecimal.ZERO, null, null, null, o.createdAt(), null, o.rationale()))
                    .orElse(new TradingResponses.Order(event.orderId(), "cancelled", null, null, null, null, null,
                            null, null, BigDecimal.ZERO, null, null, null, null, null, null));
        }
        push(event.agentId(), "cancelled", order, Map.of("cancel_reason", event.reason() == null ? "" : event.reason(),
                "cancelled_at", event.cancelledAt().toString()));
    }

    @EventHandler
    @DisallowReplay
    void on(WalletOrderRejected event) {
        if (!followed(StreamChannel.ordersTopic(event.agentId()))) {
            return;
        }
        OrderRequest order = event.order();
        push(event.agentId(), "rejected", new TradingResponses.Order(order.orderId(), "rejected", order.symbol(),
                        order.side() == null ? null : order.side().code(), order.type() == null ? null : order.type().code(),
                        Money.plain(order.quantity()), Money.plain(order.price()), Money.plain(order.triggerPrice()), null,
                        BigDecimal.ZERO, null, null, null, event.rejectedAt(), null, order.rationale()),
                Map.of("reject_code", event.code() == null ? "" : event.code().name(),
                        "reject_reason", event.reason() == null ? "" : event.reason()));
    }

    /** Every agent somebody follows the portfolio of, at the configured interval. */
    @Scheduled(fixedDelayString = "${battles.websocket.portfolio-interval:5s}")
    void periodically() {
        StreamFeed target = feed.getIfAvailable();
        if (target == null) {
            return;
        }
        for (String topic : target.topics()) {
            if (topic.startsWith(StreamChannel.PORTFOLIO_TOPIC_PREFIX)) {
                pushPortfolio(topic.substring(StreamChannel.PORTFOLIO_TOPIC_PREFIX.length()), "periodic");
            }
        }
    }

    /** @param trigger why it is sent: fill or periodic (a field of the message) */
    private void pushPortfolio(String agentId, String trigger) {
        try {
            portfolios.execute(() -> {
                try {
                    barrier.awaitAggregates(WALLET_PROJECTIONS, agentId);
                    trading.walletBattle(agentId).ifPresent(battle -> barrier.awaitAggregates(WALLET_PROJECTIONS, battle));
                    trading.currentWallet(agentId).ifPresent(wallet -> {
                        TradingResponses.Portfolio portfolio = WalletViews.portfolio(wallet.holdings(), this::price,
                                clock.instant());
                        ObjectNode message = json.createObjectNode().put("type", "portfolio").put("channel", "portfolio");
                        message.put("trigger", trigger);
                        ObjectNode body = json.valueToTree(portfolio);
                        message.set("total_value", body.get("total_equity")); // the SDK's name for it
                        message.setAll(body);
                        publish(StreamChannel.portfolioTopic(agentId), message);
                    });
                } catch (RuntimeException e) {
                    log.warn("portfolio push for agent {} failed", agentId, e);
                }
            });
        } catch (RuntimeException e) { // shutting down
            log.debug("portfolio push for agent {} dropped", agentId);
        }
    }

    private void push(String agentId, String change, TradingResponses.Order order, Map<String, String> extra) {
        ObjectNode body = json.valueToTree(order);
        extra.forEach(body::put);
        // the order's own "type" (market, limit…) would overwrite the message's: flat it is order_type,
        // and data holds the order exactly as GET /trade/order/{id} shapes it (for Order.from_dict)
        ObjectNode message = json.createObjectNode().put("type", "order").put("channel", "orders").put("event", change);
        ObjectNode flat = body.deepCopy();
        flat.set("order_type", flat.remove("type"));
        message.setAll(flat);
        message.set("data", body);
        publish(StreamChannel.ordersTopic(agentId), message);
    }

    private void publish(String topic, Object message) {
        StreamFeed target = feed.getIfAvailable();
        if (target != null) {
            target.publish(Set.of(topic), message);
        }
    }

    private boolean followed(String topic) {
        StreamFeed target = feed.getIfAvailable();
        return target != null && target.followed(topic);
    }

    private Optional<BigDecimal> price(String symbol) {
        return prices.latestPrice(symbol).map(PriceTick::price);
    }
}
