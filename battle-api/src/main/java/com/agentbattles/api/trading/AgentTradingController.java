package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.TradingResponses.CancelledCount;
import com.agentbattles.api.trading.TradingResponses.Order;
import com.agentbattles.api.trading.TradingResponses.OrderBody;
import com.agentbattles.api.trading.TradingResponses.Orders;
import com.agentbattles.api.trading.TradingResponses.Trade;
import com.agentbattles.api.trading.TradingResponses.Trades;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.WalletCommands.CancelOpenWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.CancelWalletOrder;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.api.live.LiveMarket;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The order desk of live trading. An order goes to the agent's own wallet, or to the live battle
 * holding that wallet (the battle decides there, with its rules and pauses). Prices are the
 * feed's latest, read here and put in the command, so the aggregates decide from their inputs
 * only. Writes wait for the read models, so the next read sees them.
 */
@RestController
@RequestMapping("/api/v1/trade")
@Tag(name = "Live trading", description = "An agent's orders at live prices, in its own wallet or the live battle holding it")
public class AgentTradingController {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> STATUSES = Set.of("open", "filled", "cancelled", "rejected");

    private final CommandGateway commands;
    private final ReadModelBarrier barrier;
    private final AgentTradingReadModel trading;
    private final TradingAgents agents;
    private final OrderRateLimiter rateLimiter;
    private final LiveMarket liveMarket;
    private final LiveBattleDirectory liveBattles;
    private final Clock clock;

    public AgentTradingController(CommandGateway commands, ReadModelBarrier barrier, AgentTradingReadModel trading,
                                  TradingAgents agents, OrderRateLimiter rateLimiter, LiveMarket liveMarket,
                                  LiveBattleDirectory liveBattles, Clock clock) {
        this.liveBattles = liveBattles;
        this.commands = commands;
        this.barrier = barrier;
        this.trading = trading;
        this.agents = agents;
        this.rateLimiter = rateLimiter;
        this.liveMarket = liveMarket;
        this.clock = clock;
    }

    @PostMapping("/order")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place an order at live prices",
            description = "market, limit (price), stop_loss or take_profit (trigger_price); quantity in the base asset. "
                    + "A refused order answers 4xx with its rejection code; more than the configured orders per minute "
                    + "answer 429 RATE_LIMIT_EXCEEDED with Retry-After.")
    public Order placeOrder(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                            @RequestBody(required = false) OrderBody body) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        rateLimiter.acquire(agent.agentId());
        OrderRequest request = request(body);
        List<Quote> quotes = quotes();
        Instant now = clock.instant();
        String battleId = battleTrading(agent.agentId());
        OrderOutcome outcome;
        try {
            outcome = place(agent, battleId, request, quotes, now);
        } catch (DomainException e) {
            Object custodian = e.details().get("battle_id");
            if (e.code() != ErrorCode.WALLET_IN_BATTLE || battleId != null || custodian == null) {
                throw e;
            }
            // the read model had not seen the hand-over yet: the agent named the battle that holds the wallet
            outcome = place(agent, custodian.toString(), request, quotes, now);
        }
        barrier.awaitProjections();
        if (outcome.rejected()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("order_id", outcome.orderId());
            String field = rejectedField(outcome.rejection(), request);
            if (field != null) {
                details.put("field", field);
            }
            throw new DomainException(outcome.rejection(), outcome.reason(), details);
        }
        return response(outcome);
    }

    @GetMapping("/order/{orderId}")
    @Operation(summary = "One of the agent's orders")
    public Order order(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                       @PathVariable String orderId) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        return trading.order(agent.agentId(), orderId).map(Order::of).orElseThrow(() -> orderNotFound(orderId));
    }

    @GetMapping("/orders")
    @Operation(summary = "The current wallet's orders, newest first",
            description = "status: open, filled, cancelled or rejected; symbol; limit ≤ 500 (default 100); offset")
    public Orders orders(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                         @RequestParam(required = false) String status, @RequestParam(required = false) String symbol,
                         @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        String wanted = status == null || status.isBlank() ? null : status.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw Decimals.invalid("status", "must be one of open, filled, cancelled, rejected (got '" + status + "')");
        }
        return new Orders(trading.orders(agent.agentId(), wanted, symbol(symbol), limit(limit), offset(offset)).stream()
                .map(Order::of).toList());
    }

    @GetMapping("/orders/open")
    @Operation(summary = "The current wallet's resting orders, oldest first")
    public Orders openOrders(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        return new Orders(trading.openOrders(agent.agentId()).stream().map(Order::of).toList());
    }

    @DeleteMapping("/order/{orderId}")
    @Operation(summary = "Cancel a resting order", description = "Answers the cancelled order; its lock is released.")
    public Order cancelOrder(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                             @PathVariable String orderId) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        AgentTradingReadModel.Order order = trading.order(agent.agentId(), orderId)
                .orElseThrow(() -> orderNotFound(orderId));
        if (!"open".equals(order.status())) {
            throw new DomainException(ErrorCode.ORDER_NOT_OPEN, "order " + orderId + " is " + order.status(),
                    Map.of("order_id", orderId, "status", order.status()));
        }
        Instant now = clock.instant();
        if (order.battleId() != null) {
            send(order.battleId(), new CancelBattleOrder(order.battleId(), caller.accountId(), agent.agentId(), orderId, now));
        } else {
            send(null, new CancelWalletOrder(agent.agentId(), caller.accountId(), orderId, now));
        }
        barrier.awaitProjections();
        return trading.order(agent.agentId(), orderId).map(Order::of).orElseThrow(() -> orderNotFound(orderId));
    }

    @DeleteMapping("/orders/open")
    @Operation(summary = "Cancel every resting order of the current wallet", description = "Answers {cancelled_count}.")
    public CancelledCount cancelOpenOrders(Caller caller,
                                           @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        Instant now = clock.instant();
        String battleId = battleTrading(agent.agentId());
        int cancelled;
        if (battleId == null) {
            try {
                cancelled = send(null, new CancelOpenWalletOrders(agent.agentId(), caller.accountId(), now));
            } catch (DomainException e) {
                if (e.code() != ErrorCode.WALLET_IN_BATTLE || e.details().get("battle_id") == null) {
                    throw e;
                }
                cancelled = cancelInBattle(caller, agent, e.details().get("battle_id").toString(), now);
            }
        } else {
            cancelled = cancelInBattle(caller, agent, battleId, now);
        }
        barrier.awaitProjections();
        return new CancelledCount(cancelled);
    }

    @GetMapping("/history")
    @Operation(summary = "The current wallet's fills, newest first", description = "symbol; limit ≤ 500 (default 100); offset")
    public Trades history(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                          @RequestParam(required = false) String symbol, @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) Integer offset) {
        barrier.awaitProjections();
        AgentView agent = agents.resolve(caller, agentIdHeader);
        return new Trades(trading.trades(agent.agentId(), symbol(symbol), limit(limit), offset(offset)).stream()
                .map(Trade::of).toList());
    }

    // ---- placing ----

    /**
     * The live battle the agent trades in: the one holding its wallet, or one it takes part in
     * whose custody of the wallet is still on its way. From the moment a start answers, the
     * agent's orders belong to the battle (which answers WALLET_NOT_READY for the few
     * milliseconds until the wallet arrives), never to the wallet it is setting aside.
     */
    private String battleTrading(String agentId) {
        return trading.walletBattle(agentId)
                .orElseGet(() -> liveBattles.liveBattlesOf(List.of(agentId), "").get(agentId));
    }

    private OrderOutcome place(AgentView agent, String battleId, OrderRequest request, List<Quote> quotes, Instant now) {
        if (battleId != null) {
            return send(battleId, new PlaceBattleOrder(battleId, agent.accountId(), agent.agentId(), request, quotes, now));
        }
        return send(null, new PlaceWalletOrder(agent.agentId(), agent.accountId(), request, quotes, now));
    }

    private int cancelInBattle(Caller caller, AgentView agent, String battleId, Instant now) {
        int cancelled = 0;
        for (AgentTradingReadModel.Order open : trading.openOrders(agent.agentId())) {
            if (!battleId.equals(open.battleId())) {
                continue;
            }
            try {
                send(battleId, new CancelBattleOrder(battleId, caller.accountId(), agent.agentId(), open.orderId(), now));
                cancelled++;
            } catch (DomainException e) {
                if (e.code().kind() != com.agentbattles.domain.error.ErrorKind.NOT_FOUND
                        && e.code() != ErrorCode.ORDER_NOT_OPEN) {
                    throw e;
                }
                // filled or cancelled meanwhile: nothing left to cancel
            }
        }
        return cancelled;
    }

    /** The feed's latest price of every offered pair that has one, with its last candle's volume. */
    private List<Quote> quotes() {
        return liveMarket.offeredQuotes();
    }

    private static OrderRequest request(OrderBody body) {
        if (body == null) {
            throw Decimals.invalid("body", "is required");
        }
        if (body.symbol() == null || body.symbol().isBlank()) {
            throw Decimals.invalid("symbol", "is required");
        }
        if (body.quantity() == null) {
            throw Decimals.invalid("quantity", "is required");
        }
        return new OrderRequest(UUID.randomUUID().toString(), body.symbol().strip().toUpperCase(Locale.ROOT),
                OrderSide.parse("side", body.side()), OrderType.parse("type", body.type()), body.quantity(),
                body.price(), body.triggerPrice());
    }

    /** The request field a rule rejection is about, so that a client can point at it. */
    private static String rejectedField(ErrorCode code, OrderRequest request) {
        return switch (code) {
            case INVALID_QUANTITY, INSUFFICIENT_HOLDINGS -> "quantity";
            case INVALID_SYMBOL, PAIR_NOT_ALLOWED, NO_PRICE_AVAILABLE -> "symbol";
            case INVALID_PRICE -> request.type() == OrderType.LIMIT ? "price" : "trigger_price";
            default -> null;
        };
    }

    private static Order response(OrderOutcome outcome) {
        OrderRequest request = outcome.request();
        Fill fill = outcome.fill();
        RestingOrder resting = outcome.resting();
        return new Order(outcome.orderId(), outcome.status(), request.symbol(), request.side().code(),
                request.type().code(), Money.plain(request.quantity()),
                Money.plain(resting != null ? resting.price() : request.price()),
                Money.plain(resting != null ? resting.triggerPrice() : request.triggerPrice()),
                fill == null ? null : Money.plain(fill.price()), fill == null ? BigDecimal.ZERO : Money.plain(fill.quantity()),
                fill == null ? null : Money.plain(fill.slippagePct()), fill == null ? null : Money.display(fill.fee()),
                fill == null ? null : Money.display(fill.total()),
                resting != null ? resting.createdAt() : outcome.at(), fill == null ? null : fill.executedAt());
    }

    private static String symbol(String symbol) {
        return symbol == null || symbol.isBlank() ? null : symbol.strip().toUpperCase(Locale.ROOT);
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Decimals.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static int offset(Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw Decimals.invalid("offset", "must be 0 or more");
        }
        return offset;
    }

    private static DomainException orderNotFound(String orderId) {
        return new DomainException(ErrorCode.ORDER_NOT_FOUND, "order " + orderId + " not found", Map.of("order_id", orderId));
    }

    @SuppressWarnings("unchecked")
    private <T> T send(String battleId, Object command) {
        try {
            return (T) commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            if (battleId != null) {
                throw BattleErrors.notFound(battleId);
            }
            throw new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent not found");
        } catch (org.axonframework.commandhandling.CommandExecutionException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof DomainException domain) {
                    throw domain;
                }
                cause = cause.getCause();
            }
            throw e;
        }
    }
}
