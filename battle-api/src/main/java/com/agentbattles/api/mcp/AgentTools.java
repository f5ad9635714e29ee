package com.agentbattles.api.mcp;

import com.agentbattles.api.battle.BattleController;
import com.agentbattles.api.battle.BattleResultsController;
import com.agentbattles.api.battle.HistoricalTradingController;
import com.agentbattles.api.market.MarketController;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.trading.AccountWalletController;
import com.agentbattles.api.trading.AgentTradingController;
import com.agentbattles.api.trading.TradingResponses;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The MCP tools of a trading agent. Each one calls the REST endpoint's controller in-process with
 * the caller of the agent's key, so the tools refuse, validate and answer exactly as the REST API
 * does; none takes an agent id, since an agent acts only as itself.
 */
@Component
@ConditionalOnWebApplication // with McpServerConfig: the command line has no /mcp
public class AgentTools {

    private final BattleController battles;
    private final HistoricalTradingController historical;
    private final BattleResultsController results;
    private final AccountWalletController wallet;
    private final AgentTradingController trading;
    private final MarketController market;
    private final ObjectMapper json;
    private final ToolResults answers;
    private final com.agentbattles.api.battle.BattleParticipants participants;
    private final com.agentbattles.api.battle.BattleStates states;

    public AgentTools(BattleController battles, HistoricalTradingController historical, BattleResultsController results,
                      AccountWalletController wallet, AgentTradingController trading, MarketController market,
                      ObjectMapper json,
                      com.agentbattles.api.battle.BattleParticipants participants,
                      com.agentbattles.api.battle.BattleStates states) {
        this.participants = participants;
        this.states = states;
        this.battles = battles;
        this.historical = historical;
        this.results = results;
        this.wallet = wallet;
        this.trading = trading;
        this.market = market;
        this.json = json;
        this.answers = new ToolResults(json);
    }

    List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(tool("list_my_battles", "The battles your agent takes part in, each with its status "
                + "(draft, pending, active, paused, completed, cancelled) and mode.", ToolSchemas.object(), this::myBattles));
        tools.add(tool("battle_state", "Where a battle stands for you: status, step, total_steps, virtual_time, the "
                + "candles of the current step, prices, your status, the clock (owner or agents), who is still deciding "
                + "and the step's deadline. The same as GET /battles/{id}/state.", ToolSchemas.object()
                .required("battle_id", "string", "the battle's id"), this::battleState));
        tools.add(tool("candles", "Stored market candles of a symbol, oldest first. Without start: the latest `limit` "
                + "candles opening at or before end.", ToolSchemas.object()
                .required("symbol", "string", "a trading pair, e.g. BTCUSDT")
                .optional("interval", "string", "1m, 5m, 15m, 1h, 4h or 1d (default 1m)")
                .optional("start", "string", "earliest open time, inclusive: ISO-8601 UTC or epoch ms")
                .optional("end", "string", "latest open time, inclusive: ISO-8601 UTC or epoch ms (default now)")
                .optional("limit", "integer", "how many candles, 1 to the server's maximum (default 100)"), this::candles));
        tools.add(tool("my_portfolio", "Your standing in a battle (equity, roi_pct, pnl, trades, rank) with battle_id; "
                + "without it your own wallet (equity, cash, positions, pnl).", ToolSchemas.object()
                .optional("battle_id", "string", "a battle you take part in"), this::portfolio));
        tools.add(tool("place_order", "Place an order. With battle_id it trades in that battle at the battle's prices; "
                + "without it on your own wallet at live prices. market needs quantity; limit also price; stop_loss and "
                + "take_profit also trigger_price. Quantities are in the base asset (BTC of BTCUSDT).", ToolSchemas.object()
                .optional("battle_id", "string", "the battle to trade in; omit for your own wallet")
                .required("symbol", "string", "a trading pair, e.g. BTCUSDT")
                .required("side", "string", "buy or sell", "buy", "sell")
                .required("type", "string", "the order type", "market", "limit", "stop_loss", "take_profit")
                .required("quantity", ToolSchemas.DECIMAL, "a decimal quantity of the base asset, e.g. \"0.01\"")
                .optional("price", ToolSchemas.DECIMAL, "the limit price (limit orders)")
                .optional("trigger_price", ToolSchemas.DECIMAL, "the trigger price (stop_loss, take_profit)")
                .optional("step", "integer", "the battle step you decided on: refused with STEP_CLOSED if that step "
                        + "has closed (agents' clock)")
                .optional("rationale", "string", "why you place it, in plain text (at most 2000 characters): "
                        + "recorded with the order so people can read your reasoning"), this::placeOrder));
        tools.add(tool("cancel_order", "Cancel one of your resting orders.", ToolSchemas.object()
                .required("order_id", "string", "the order's id")
                .optional("battle_id", "string", "the battle the order is in; omit for your own wallet"), this::cancelOrder));
        tools.add(tool("open_orders", "Your own wallet's resting orders, oldest first.", ToolSchemas.object(),
                (caller, args) -> trading.openOrders(caller, null)));
        tools.add(tool("done_with_step", "Say you are done with the battle's current step (battles on the agents' clock): "
                + "the step closes when every participant is done, or at its time-out. Call it once per step, after "
                + "your orders for it.", ToolSchemas.object()
                .required("battle_id", "string", "the battle")
                .optional("step", "integer", "the step you decided on: refused with STEP_CLOSED if it has closed")
                .optional("rationale", "string", "what you concluded on this step (at most 2000 characters)"),
                (caller, args) -> historical.ready(caller, args.required("battle_id"), null,
                        new HistoricalTradingController.StepDoneBody(null, args.whole("step"), args.text("rationale")))));
        tools.add(tool("results", "Final rankings of a completed battle (BATTLE_NOT_COMPLETED before).",
                ToolSchemas.object().required("battle_id", "string", "the battle"),
                (caller, args) -> results.results(caller, args.required("battle_id"))));
        tools.add(tool("prices", "The latest live prices of every pair (the own-wallet desk's prices).",
                ToolSchemas.object(), (caller, args) -> market.prices()));
        return tools;
    }

    private SyncToolSpecification tool(String name, String description, ToolSchemas.ObjectSchema schema,
                                       BiFunction<Caller, ToolArguments, Object> call) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(schema.toMap()).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> answers.run(() -> call.apply(
                        agent(McpServerConfig.caller(exchange.transportContext())), new ToolArguments(request.arguments()))))
                .build();
    }

    /** Only an agent's key plays: an account token has no agent to act as. */
    private static Caller agent(Caller caller) {
        if (caller.method() != Caller.Method.API_KEY) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED, "the MCP tools act as an agent: use its X-API-Key");
        }
        return caller;
    }

    private Object myBattles(Caller caller, ToolArguments args) {
        // the account's battles (read on the owner's behalf), kept to the ones this agent is entered in
        // (listing battles and their entrants is the owner's; the answer holds nothing of other agents)
        Caller owner = Caller.jwt(caller.accountId());
        JsonNode page = json.valueToTree(battles.list(owner, null, null, 200, 0));
        List<Object> mine = new ArrayList<>();
        for (JsonNode battle : page.path("battles")) {
            JsonNode entrants = json.valueToTree(battles.participants(owner, battle.path("battle_id").asText()));
            for (JsonNode entrant : entrants.path("participants")) {
                if (caller.agentId().equals(entrant.path("agent_id").asText())) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("battle_id", battle.path("battle_id").asText());
                    row.put("name", battle.path("name").asText());
                    row.put("status", battle.path("status").asText());
                    row.put("battle_mode", battle.path("battle_mode").asText());
                    row.put("my_status", entrant.path("status").asText());
                    mine.add(row);
                }
            }
        }
        return Map.of("battles", mine);
    }

    /**
     * The battle's status with the prices of its current step. Kept to two calls so that it can
     * switch to GET /battles/{id}/state once that endpoint exists.
     */
    private Object battleState(Caller caller, ToolArguments args) {
        return states.state(participants.resolve(caller, args.required("battle_id"), null));
    }

    /**
     * The owner's view of a battle this agent is entered in: reading a battle's detail is the
     * owner's (JWT) over REST, and an agent sees only the battles it plays; others are not found.
     */
    private Caller entered(Caller caller, String battleId) {
        Caller owner = Caller.jwt(caller.accountId());
        JsonNode entrants = json.valueToTree(battles.participants(owner, battleId));
        for (JsonNode entrant : entrants.path("participants")) {
            if (caller.agentId().equals(entrant.path("agent_id").asText())) {
                return owner;
            }
        }
        throw new DomainException(ErrorCode.BATTLE_NOT_FOUND, "battle " + battleId + " not found",
                Map.of("battle_id", battleId));
    }

    private Object candles(Caller caller, ToolArguments args) {
        Long limit = args.whole("limit");
        return market.candles(args.required("symbol"), args.text("interval") == null ? "1m" : args.text("interval"),
                args.text("start"), args.text("end"), limit == null ? 100 : Math.toIntExact(limit));
    }

    private Object portfolio(Caller caller, ToolArguments args) {
        String battleId = args.text("battle_id");
        if (battleId == null) {
            return wallet.portfolio(caller, null);
        }
        Map<String, Object> live = results.live(caller, battleId);
        Map<String, Object> mine = new LinkedHashMap<>();
        for (String key : List.of("battle_id", "status", "battle_mode", "ranking_metric", "virtual_time", "step")) {
            mine.put(key, live.get(key));
        }
        Object rankings = live.get("rankings");
        if (rankings instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> standing && caller.agentId().equals(standing.get("agent_id"))) {
                    mine.put("me", standing);
                }
            }
        }
        return mine;
    }

    private Object placeOrder(Caller caller, ToolArguments args) {
        String battleId = args.text("battle_id");
        if (battleId == null) {
            return trading.placeOrder(caller, null, new TradingResponses.OrderBody(args.text("symbol"), args.text("side"),
                    args.text("type"), args.decimal("quantity"), args.decimal("price"), args.decimal("trigger_price"),
                    args.text("rationale")));
        }
        return historical.placeOrder(caller, battleId, new HistoricalTradingController.OrderBody(null, args.text("symbol"),
                args.text("side"), args.text("type"), args.decimal("quantity"), args.decimal("price"),
                args.decimal("trigger_price"), args.whole("step"), args.text("rationale")));
    }

    private Object cancelOrder(Caller caller, ToolArguments args) {
        String orderId = args.required("order_id");
        String battleId = args.text("battle_id");
        if (battleId == null) {
            return trading.cancelOrder(caller, null, orderId);
        }
        historical.cancelOrder(caller, battleId, orderId, null);
        return Map.of("order_id", orderId, "status", "cancelled");
    }
}
