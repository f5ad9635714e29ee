package com.agentbattles.api.trading;

import com.agentbattles.api.live.LiveMarket;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.WalletCommands.PlaceWalletOrder;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.battle.BattleTradingCommands.PlaceBattleOrder;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.query.battle.BattleProjection;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.query.wallet.AgentTradingProjection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every order enters here, whichever endpoint took it: the request is checked and given its id,
 * sent where it belongs with the feed's latest prices, and a refusal is worded the same way for
 * all. A live order goes to the agent's own wallet or to the live battle holding it; an order
 * through a battle's endpoint goes to that battle (a historical battle decides on its own candles
 * and ignores the quotes; a live one decides on them, never on the prices it last recorded).
 */
@Component
public class OrderService {

    /** The read models that say where an agent's orders go: its wallet's custody, and the live battles it is in. */
    private static final List<String> ROUTING_PROJECTIONS = List.of(AgentTradingProjection.NAME, BattleProjection.NAME);

    private final CommandGateway commands;
    private final LiveMarket liveMarket;
    private final LiveBattleDirectory liveBattles;
    private final ReadModelBarrier barrier;
    private final Clock clock;

    public OrderService(CommandGateway commands, LiveMarket liveMarket,
                        LiveBattleDirectory liveBattles, ReadModelBarrier barrier, Clock clock) {
        this.commands = commands;
        this.liveMarket = liveMarket;
        this.liveBattles = liveBattles;
        this.barrier = barrier;
        this.clock = clock;
    }

    /** A new order with its id, or a 400 naming the field that is missing or malformed. */
    public static OrderRequest request(String symbol, String side, String type, BigDecimal quantity, BigDecimal price,
                                       BigDecimal triggerPrice, String rationale) {
        if (symbol == null || symbol.isBlank()) {
            throw Decimals.invalid("symbol", "is required");
        }
        if (quantity == null) {
            throw Decimals.invalid("quantity", "is required");
        }
        return new OrderRequest(UUID.randomUUID().toString(), symbol.strip().toUpperCase(Locale.ROOT),
                OrderSide.parse("side", side), OrderType.parse("type", type), quantity, price, triggerPrice, rationale);
    }

    /** An order through a battle's own endpoint, for one of its participants. */
    public OrderOutcome inBattle(String battleId, String ownerAccountId, String agentId, OrderRequest request,
                                 Long forStep) {
        return send(battleId, new PlaceBattleOrder(battleId, ownerAccountId, agentId, request, liveMarket.offeredQuotes(),
                clock.instant(), forStep));
    }

    /**
     * An agent's live order: to the live battle it trades in (the one holding its wallet, or one
     * whose custody of the wallet is still on its way), otherwise to its own wallet. From the
     * moment a start answers, the agent's orders belong to the battle (which answers
     * WALLET_NOT_READY for the moment until the wallet arrives), never to the wallet it is
     * setting aside.
     */
    public LiveOrder live(AgentView agent, OrderRequest request) {
        List<Quote> quotes = liveMarket.offeredQuotes();
        Instant now = clock.instant();
        String battleId = battleTrading(agent.agentId());
        try {
            return routed(agent, battleId, request, quotes, now);
        } catch (DomainException refused) {
            // The route comes from read models that may not have caught up with the agent's own
            // events (a wallet handed back) or its battle's (an end): where they would send the
            // order once caught up is where it belongs. Only a refused order pays this wait.
            barrier.awaitAggregates(ROUTING_PROJECTIONS, agent.agentId(), battleId);
            String caughtUp = battleTrading(agent.agentId());
            if (Objects.equals(caughtUp, battleId)) {
                throw refused;
            }
            return routed(agent, caughtUp, request, quotes, now);
        }
    }

    private LiveOrder routed(AgentView agent, String battleId, OrderRequest request, List<Quote> quotes, Instant now) {
        try {
            return new LiveOrder(liveOrder(agent, battleId, request, quotes, now), battleId);
        } catch (DomainException e) {
            Object custodian = e.details().get("battle_id");
            if (e.code() != ErrorCode.WALLET_IN_BATTLE || battleId != null || custodian == null) {
                throw e;
            }
            // the read model had not seen the hand-over yet: the wallet named the battle that holds it
            return new LiveOrder(liveOrder(agent, custodian.toString(), request, quotes, now), custodian.toString());
        }
    }

    /** A live order's outcome and the battle that decided it (null: the agent's own wallet). */
    public record LiveOrder(OrderOutcome outcome, String battleId) {
    }

    /** The live battle the agent trades in, or null when its orders go to its own wallet. */
    public String battleTrading(String agentId) {
        return liveBattles.battleTrading(agentId).orElse(null);
    }

    /** The answer to a rejected order: its rule's code and reason, and what the order was about. */
    public static DomainException refusal(OrderOutcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("order_id", outcome.orderId());
        details.put("agent_id", outcome.agentId());
        details.put("step", outcome.step());
        String field = rejectedField(outcome.rejection(), outcome.request());
        if (field != null) {
            details.put("field", field);
        }
        return new DomainException(outcome.rejection(), outcome.reason(), details);
    }

    private OrderOutcome liveOrder(AgentView agent, String battleId, OrderRequest request, List<Quote> quotes,
                                   Instant now) {
        if (battleId != null) {
            return send(battleId, new PlaceBattleOrder(battleId, agent.accountId(), agent.agentId(), request, quotes, now));
        }
        return send(null, new PlaceWalletOrder(agent.agentId(), agent.accountId(), request, quotes, now));
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

    /** Sends a command and answers with its result, or the domain refusal that ended it. */
    @SuppressWarnings("unchecked")
    public <T> T send(String battleId, Object command) {
        try {
            return (T) commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            if (battleId != null) {
                throw BattleErrors.notFound(battleId);
            }
            throw new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent not found");
        } catch (CommandExecutionException e) {
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
