package com.agentbattles.command.battle;

import com.agentbattles.command.battle.BattleAudit.LoggedEvent;
import com.agentbattles.command.battle.core.BattleCandles;
import com.agentbattles.command.battle.core.BattleRecorder;
import com.agentbattles.command.battle.core.BattleState;
import com.agentbattles.command.battle.core.HistoricalSession;
import com.agentbattles.command.battle.core.OrderDesk;
import com.agentbattles.domain.battle.TradingOutcomes.OrderOutcome;
import com.agentbattles.domain.battle.TradingOutcomes.StepOutcome;
import com.agentbattles.domain.trading.OrderRequest;

import java.util.ArrayList;
import java.util.List;

import static com.agentbattles.command.battle.BattleTradingTest.place;

/**
 * A battle played through its rules with no framework at all: the recorder folds each event into
 * the state and keeps it, so {@link #log()} is exactly what the aggregate would have stored.
 */
final class PlayedBattle {

    final BattleState state = new BattleState();
    private final List<Object> events = new ArrayList<>();
    private final BattleCandles candles;
    private final BattleRecorder recorder = event -> {
        state.evolve(event);
        events.add(event);
    };

    PlayedBattle(BattleCandles candles, Object... given) {
        this.candles = candles;
        for (Object event : given) {
            recorder.record(event);
        }
    }

    OrderOutcome order(String agentId, OrderRequest request) {
        return new OrderDesk(state, recorder).place(place(agentId, request));
    }

    StepOutcome step(int steps) {
        return new HistoricalSession(state, recorder).step(BattleTradingTest.step(steps), candles);
    }

    List<Object> events() {
        return List.copyOf(events);
    }

    /** The events as the store hands them to the audit: numbered from 0 in the battle's stream. */
    List<LoggedEvent> log() {
        return numbered(events);
    }

    static List<LoggedEvent> numbered(List<Object> events) {
        List<LoggedEvent> log = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            log.add(new LoggedEvent(i, events.get(i)));
        }
        return log;
    }
}
