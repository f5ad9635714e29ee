package com.agentbattles.api.battle;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.battle.BattleTradingCommands.CancelBattleOrder;
import com.agentbattles.domain.battle.BattleTradingCommands.DeclareStepDone;
import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.api.trading.OrderService;
import com.agentbattles.api.trading.TradingResponses.PlacedOrder;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.battle.BattleTradingProjection;
import com.agentbattles.query.battle.BattleTradingReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The virtual clock and the order desk of historical battles. Steps and orders answer from the
 * decision the aggregate just recorded, so a client stepping in a loop never waits for a read model.
 */
@RestController
@RequestMapping("/api/v1/battles/{battleId}")
@Tag(name = "Historical battles", description = "Step the virtual clock and trade inside a historical battle")
public class HistoricalTradingController {

    private final OrderService orders;
    private final ReadModelBarrier barrier;
    private final BattleTradingReadModel trading;
    private final Clock clock;

    public HistoricalTradingController(OrderService orders, ReadModelBarrier barrier, BattleTradingReadModel trading,
                                       Clock clock) {
        this.orders = orders;
        this.barrier = barrier;
        this.trading = trading;
        this.clock = clock;
    }

    record StepBatchRequest(Integer steps) {
    }

    record ParticipantStep(String agentId, BigDecimal equity, BigDecimal pnl, long tradeCount) {
    }

    record StepResponse(String battleId, Instant virtualTime, long step, long totalSteps, BigDecimal progressPct,
                        boolean isComplete, Map<String, BigDecimal> prices, List<ParticipantStep> participants) {
    }

    /**
     * @param step the step the order was decided on (optional): with the agents' clock, an order
     *             for a step that has closed is refused with STEP_CLOSED instead of trading on
     *             prices the agent has not seen
     */
    public record OrderBody(String agentId, String symbol, String side, String type, BigDecimal quantity, BigDecimal price,
                     BigDecimal triggerPrice, Long step, String rationale) {
    }

    /** What a participant sends to say it is done with a step of the agents' clock; every field optional. */
    public record StepDoneBody(String agentId, Long step, String rationale) {
    }

    @PostMapping("/step")
    @Operation(summary = "Advance one candle, or say a participant is done with the step",
            description = "Owner's clock: the owner's JWT moves the clock one candle; resting orders fill on it and "
                    + "every participant is valued. Agents' clock (config clock: agents): an agent's key (or the "
                    + "owner's JWT with agent_id) says the agent is done with the step; the step closes when every "
                    + "active participant is, or at its time-out. An optional step guards against a step that closed.")
    public StepResponse step(Caller caller, @PathVariable String battleId,
                             @RequestParam(name = "agent_id", required = false) String agentIdParam,
                             @RequestBody(required = false) StepDoneBody body) {
        String agentId = body != null && body.agentId() != null ? body.agentId() : agentIdParam;
        if (caller.method() == Caller.Method.API_KEY || (agentId != null && !agentId.isBlank())) {
            return done(caller, battleId, agentId, body);
        }
        return step(caller, battleId, 1);
    }

    @PostMapping("/ready")
    @Operation(summary = "Say a participant is done with the current step (agents' clock)",
            description = "The same as POST /step with the agent's key: step (optional) names the step decided on.")
    public StepResponse ready(Caller caller, @PathVariable String battleId,
                              @RequestParam(name = "agent_id", required = false) String agentIdParam,
                              @RequestBody(required = false) StepDoneBody body) {
        String agentId = body != null && body.agentId() != null ? body.agentId() : agentIdParam;
        return done(caller, battleId, agentId, body);
    }

    @PostMapping("/step/batch")
    @Operation(summary = "Advance several candles in one transaction", description = "steps: 1 to 1000")
    public StepResponse stepBatch(Caller caller, @PathVariable String battleId,
                                  @RequestBody(required = false) StepBatchRequest body) {
        if (body == null || body.steps() == null) {
            throw Decimals.invalid("steps", "is required");
        }
        return step(caller, battleId, body.steps());
    }

    @PostMapping("/trade/order")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place an order for a participant",
            description = "With the owner's JWT, agent_id names the participant; with an agent's X-API-Key the key does.")
    public PlacedOrder placeOrder(Caller caller, @PathVariable String battleId, @RequestBody(required = false) OrderBody body) {
        if (body == null) {
            throw Decimals.invalid("body", "is required");
        }
        String agentId = trader(caller, body.agentId());
        OrderOutcome outcome = orders.inBattle(battleId, caller.accountId(), agentId, OrderService.request(body.symbol(),
                body.side(), body.type(), body.quantity(), body.price(), body.triggerPrice(), body.rationale()), body.step());
        if (outcome.rejected()) {
            throw OrderService.refusal(outcome);
        }
        return PlacedOrder.of(outcome);
    }

    @DeleteMapping("/trade/order/{orderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a participant's resting order")
    public void cancelOrder(Caller caller, @PathVariable String battleId, @PathVariable String orderId,
                            @RequestParam(name = "agent_id", required = false) String agentId) {
        send(battleId, new CancelBattleOrder(battleId, caller.accountId(), trader(caller, agentId), orderId, clock.instant()));
    }

    @GetMapping("/market/prices")
    @Operation(summary = "Prices at the battle's virtual time", description = "Historical battles only")
    public Map<String, Object> prices(Caller caller, @PathVariable String battleId) {
        barrier.awaitAggregates(List.of(BattleTradingProjection.NAME), battleId);
        BattleTradingReadModel.Progress progress = trading.progress(caller.accountId(), battleId)
                .filter(p -> !p.live())
                .orElseThrow(() -> new DomainException(ErrorCode.BATTLE_NOT_FOUND,
                        "no historical battle " + battleId + " has started", Map.of("battle_id", battleId)));
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        progress.prices().forEach((symbol, price) -> prices.put(symbol, Money.plain(price)));
        body.put("prices", prices);
        body.put("virtual_time", progress.virtualTime());
        body.put("step", progress.step());
        return body;
    }

    private StepResponse done(Caller caller, String battleId, String requestedAgentId, StepDoneBody body) {
        String agentId = trader(caller, requestedAgentId);
        return response(battleId, send(battleId, new DeclareStepDone(battleId, caller.accountId(), agentId,
                body == null ? null : body.step(), clock.instant(), body == null ? null : body.rationale())));
    }

    private StepResponse step(Caller caller, String battleId, int steps) {
        caller.requireJwt();
        return response(battleId, send(battleId, new StepBattle(battleId, caller.accountId(), steps, null, clock.instant())));
    }

    private static StepResponse response(String battleId, StepOutcome outcome) {
        BigDecimal progress = outcome.totalSteps() == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(outcome.step() * 100).divide(BigDecimal.valueOf(outcome.totalSteps()), 2,
                RoundingMode.HALF_EVEN);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        outcome.prices().forEach((symbol, price) -> prices.put(symbol, Money.plain(price)));
        BigDecimal start = outcome.startingBalance();
        List<ParticipantStep> participants = outcome.valuations().stream()
                .map(v -> new ParticipantStep(v.agentId(), Money.display(v.equity()), Money.display(v.equity().subtract(start)),
                        v.tradeCount()))
                .toList();
        return new StepResponse(battleId, outcome.virtualTime(), outcome.step(), outcome.totalSteps(), progress,
                outcome.complete(), prices, participants);
    }

    /** Spec point 9: an agent key decides the agent; the owner names it. */
    private static String trader(Caller caller, String requestedAgentId) {
        return BattleParticipants.actingAgent(caller, requestedAgentId);
    }

    private <T> T send(String battleId, Object command) {
        return orders.send(battleId, command);
    }
}
