package com.agentbattles.api.metrics;

import com.agentbattles.api.ws.PushProcessors;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Counts steps, orders and fills as they happen, from the events themselves, so every way of
 * trading (REST, agent keys, batch steps) is counted the same. Runs with the other live side
 * effects: from the head of the log, never replayed, so a rebuild does not count twice.
 */
@Component
@ProcessingGroup(PushProcessors.WEBSOCKET_PUSH)
@DisallowReplay
public class BattleEventMeters {

    private final BattleMeters meters;

    public BattleEventMeters(BattleMeters meters) {
        this.meters = meters;
    }

    @EventHandler
    void on(BattleStepped event) {
        meters.stepTaken(1);
    }

    @EventHandler
    void on(OrderPlaced event) {
        meters.orderDecided("resting");
    }

    /** A market order is decided and filled at once; a resting order's fill was counted as "resting" when placed. */
    @EventHandler
    void on(OrderFilled event) {
        meters.fill();
        if (event.fill().type() == com.agentbattles.domain.trading.OrderType.MARKET
                && !com.agentbattles.engine.Sandbox.isCloseOut(event.fill())) {
            meters.orderDecided("filled");
        }
    }

    @EventHandler
    void on(OrderRejected event) {
        meters.orderDecided("rejected");
    }
}
