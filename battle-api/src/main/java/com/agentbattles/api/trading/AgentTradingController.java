package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.trading.TradingResponses.CancelledCount;
import com.agentbattles.api.trading.TradingResponses.Order;
import com.agentbattles.api.trading.TradingResponses.OrderBody;
import com.agentbattles.api.trading.TradingResponses.Orders;
import com.agentbattles.api.trading.TradingResponses.Trade;
import com.agentbattles.api.trading.TradingResponses.Trades;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.WalletCommands.CancelOpenWalletOrders;
import com.agentbattles.domain.agent.WalletCommands.CancelWalletOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.api.trading.TradingResponses.PlacedOrder;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

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


    private final OrderService orders;
    private final ReadModelBarrier barrier;
    private final AgentTradingReadModel trading;
    private final TradingAgents agents;
    private final OrderRateLimiter rateLimiter;
    private final Clock clock;

    public AgentTradingController(OrderService orders, ReadModelBarrier barrier, AgentTradingReadModel trading,
                                  TradingAgents agents, OrderRateLimiter rateLimiter, Clock clock) {
        this.orders = orders;
        this.barrier = barrier;
        this.trading = trading;
        this.agents = agents;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    @PostMapping("/order")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place an order at live prices",
            description = "market, limit (price), stop_loss or take_profit (trigger_price); quantity in the base asset. "
                    + "A refused order answers 4xx with its rejection code; more than the configured orders per minute "
                    + "answer 429 RATE_LIMIT_EXCEEDED with Retry-After.")
    public PlacedOrder placeOrder(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                                  @RequestBody(required = false) OrderBody body) {
        // no wait for the read models here: the order goes to the aggregates, which decide on their
        // own state, and a route that the read models got wrong is corrected (OrderService.live)
        AgentView agent = agents.resolve(caller, agentIdHeader);
        rateLimiter.acquire(agent.agentId());
        if (body == null) {
            throw Decimals.invalid("body", "is required");
        }
        OrderService.LiveOrder placed = orders.live(agent, OrderService.request(body.symbol(), body.side(), body.type(),
                body.quantity(), body.price(), body.triggerPrice(), body.rationale()));
        OrderOutcome outcome = placed.outcome();
        if (placed.battleId() != null) {
            // a read of the agent's orders finds the battle through the wallet's hand-over, which
            // may not be projected yet while the custody is on its way: this order must be there
            barrier.awaitAggregates(TradingAgents.WALLET_PROJECTIONS, placed.battleId());
        }
        // an order on the own wallet answers from the aggregate's outcome; the next read waits
        // for the agent's events (TradingAgents.resolveWallet), this one among them
        if (outcome.rejected()) {
            throw OrderService.refusal(outcome);
        }
        return PlacedOrder.of(outcome);
    }

    @GetMapping("/order/{orderId}")
    @Operation(summary = "One of the agent's orders")
    public Order order(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                       @PathVariable String orderId) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        return trading.order(agent.agentId(), orderId).map(Order::of).orElseThrow(() -> orderNotFound(orderId));
    }

    @GetMapping("/orders")
    @Operation(summary = "The current wallet's orders, newest first",
            description = "status: open, filled, cancelled or rejected; symbol; limit ≤ 500 (default 100); offset")
    public Orders orders(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                         @RequestParam(required = false) String status, @RequestParam(required = false) String symbol,
                         @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        String wanted = ListParams.status(status);
        return new Orders(trading.orders(agent.agentId(), wanted, symbol(symbol), limit(limit), offset(offset)).stream()
                .map(Order::of).toList());
    }

    @GetMapping("/orders/open")
    @Operation(summary = "The current wallet's resting orders, oldest first")
    public Orders openOrders(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        return new Orders(trading.openOrders(agent.agentId()).stream().map(Order::of).toList());
    }

    @DeleteMapping("/order/{orderId}")
    @Operation(summary = "Cancel a resting order", description = "Answers the cancelled order; its lock is released.")
    public Order cancelOrder(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                             @PathVariable String orderId) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
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
        barrier.awaitAggregates(TradingAgents.WALLET_PROJECTIONS, agent.agentId(), order.battleId());
        return trading.order(agent.agentId(), orderId).map(Order::of).orElseThrow(() -> orderNotFound(orderId));
    }

    @DeleteMapping("/orders/open")
    @Operation(summary = "Cancel every resting order of the current wallet", description = "Answers {cancelled_count}.")
    public CancelledCount cancelOpenOrders(Caller caller,
                                           @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        Instant now = clock.instant();
        String battleId = orders.battleTrading(agent.agentId());
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
        return new CancelledCount(cancelled); // the next read waits for the agent's and its battle's events
    }

    @GetMapping("/history")
    @Operation(summary = "The current wallet's fills, newest first", description = "symbol; limit ≤ 500 (default 100); offset")
    public Trades history(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader,
                          @RequestParam(required = false) String symbol, @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) Integer offset) {
        AgentView agent = agents.resolveWallet(caller, agentIdHeader);
        return new Trades(trading.trades(agent.agentId(), symbol(symbol), limit(limit), offset(offset)).stream()
                .map(Trade::of).toList());
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

    private static String symbol(String symbol) {
        return ListParams.symbol(symbol);
    }

    private static int limit(Integer limit) {
        return ListParams.limit(limit);
    }

    private static int offset(Integer offset) {
        return ListParams.offset(offset);
    }

    private static DomainException orderNotFound(String orderId) {
        return new DomainException(ErrorCode.ORDER_NOT_FOUND, "order " + orderId + " not found", Map.of("order_id", orderId));
    }

    private <T> T send(String battleId, Object command) {
        return orders.send(battleId, command);
    }
}
