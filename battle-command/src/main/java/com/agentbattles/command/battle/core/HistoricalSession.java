package com.agentbattles.command.battle.core;

import com.agentbattles.domain.battle.BattleTradingCommands.StepBattle;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.engine.Execution;
import com.agentbattles.engine.PriceBoard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The virtual clock of a historical battle: each step moves one candle of every pair, fills the
 * resting orders the candle reached, values everyone not paused and applies the survival rule;
 * the last step ends the battle. The candles come from the store and are recorded in the step
 * events, so the log is the market the agents saw.
 */
public final class HistoricalSession extends BattleRule {

    /** One step request moves at most this many candles: one transaction must stay short. */
    public static final int MAX_STEPS_PER_REQUEST = 1000;

    public HistoricalSession(BattleState state, BattleRecorder recorder) {
        super(state, recorder);
    }

    public StepOutcome step(StepBattle command, BattleCandles candleSource) {
        requireRunning("step");
        if (!state.historical()) {
            throw state.status().refuse("step", Map.of("reason",
                    "only historical battles step here; live battles trade through the agents' own endpoints"));
        }
        if (command.steps() < 1 || command.steps() > MAX_STEPS_PER_REQUEST) {
            throw Decimals.invalid("steps", "must be between 1 and " + MAX_STEPS_PER_REQUEST);
        }
        if (state.config().agentsMoveTheClock()) {
            throw new DomainException(ErrorCode.INVALID_STATE_TRANSITION, "the agents move this battle's clock: each "
                    + "participant steps with its own key; the owner can stop, pause and resume",
                    Map.of("battle_id", battleId(), "clock", state.config().clockMode().code()));
        }
        TradingFloor floor = floor();
        if (command.expectedStep() != null && command.expectedStep() != floor.step()) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION, "the battle is at step " + floor.step()
                    + ", not " + command.expectedStep(), Map.of("battle_id", battleId(), "step", floor.step()));
        }
        return advance(command.steps(), command.requestedAt(), candleSource);
    }

    /** Moves the clock {@code steps} candles (fewer at the end or when survival decides), whoever asked. */
    StepOutcome advance(long steps, Instant requestedAt, BattleCandles candleSource) {
        TradingFloor floor = floor();
        long count = Math.min(steps, floor.totalSteps() - floor.step());
        List<Candle> candles = candleSource.candles(state.config().pairs(), state.config().candleInterval(),
                floor.virtualTime(), floor.timeAfter(count));
        Map<Instant, List<Candle>> byOpenTime = new TreeMap<>();
        for (Candle candle : candles) {
            byOpenTime.computeIfAbsent(candle.openTime(), t -> new ArrayList<>()).add(candle);
        }
        EndGame endGame = new EndGame(state, recorder);
        for (long i = 0; i < count && !endGame.survivalDecided(); i++) {
            takeStep(byOpenTime.getOrDefault(floor.virtualTime(), List.of()), floor.timeAfter(1), endGame);
        }
        if (floor.complete() || endGame.survivalDecided()) {
            endGame.finish(requestedAt);
        }
        return outcome();
    }

    /**
     * One candle of the clock: resting orders fill on it first (they were placed on earlier
     * candles, so nobody sees a price before acting on it), then everyone not paused is valued.
     */
    private void takeStep(List<Candle> candles, Instant closeTime, EndGame endGame) {
        TradingFloor floor = floor();
        long next = floor.step() + 1;
        for (String agentId : state.agentIds()) {
            for (Execution execution : floor.executionsOn(agentId, candles)) {
                recordExecution(agentId, execution, next, closeTime);
            }
        }
        PriceBoard seen = floor.prices().copy();
        candles.forEach(seen::update);
        List<Valuation> valuations = floor.valuations(seen, state.activeAgentIds());
        record(new BattleStepped(battleId(), accountId(), next, floor.totalSteps(), closeTime, candles, valuations));
        endGame.eliminateAtLossLimit(valuations, next, closeTime);
    }

    StepOutcome outcome() {
        TradingFloor floor = floor();
        Map<String, BigDecimal> prices = new TreeMap<>();
        for (Quote quote : floor.prices().quotes()) {
            prices.put(quote.symbol(), quote.price());
        }
        List<Valuation> valuations = floor.valuations(floor.prices(), state.agentIds());
        return new StepOutcome(battleId(), floor.step(), floor.totalSteps(), floor.virtualTime(),
                state.status().isFinished(), state.config().startingBalance(), prices, valuations);
    }
}
