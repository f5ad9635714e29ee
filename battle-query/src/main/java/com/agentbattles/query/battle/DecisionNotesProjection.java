package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.ParticipantReady;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.engine.Sandbox;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Each participant's decisions in a battle, in the order they were recorded
 * ({@code battle_decision_notes}): orders as the agent placed them (resting, filled at once, or
 * refused; not the fills the market later gave a resting order, nor the close-out) and its
 * readiness on the agents' clock, with the rationale the agent wrote. This is how people read why
 * an agent traded. Part of the {@link BattleTradingProjection} group.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class DecisionNotesProjection {

    private final JdbcClient jdbc;

    public DecisionNotesProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long seq) {
        var o = event.order();
        insert(seq, event.battleId(), event.agentId(), "order:" + o.orderId(), event.step(), "order", o.orderId(),
                o.symbol(), o.side().code(), o.type().code(), o.quantity(), "open", event.rationale(), o.createdAt());
    }

    @EventHandler
    void on(OrderFilled event, @SequenceNumber long seq) {
        Fill fill = event.fill();
        boolean placedNow = event.rationale() != null || (fill.type() == OrderType.MARKET && !Sandbox.isCloseOut(fill));
        if (placedNow) {
            insert(seq, event.battleId(), event.agentId(), "order:" + fill.orderId(), event.step(), "order", fill.orderId(),
                    fill.symbol(), fill.side().code(), fill.type().code(), fill.quantity(), "filled", event.rationale(),
                    fill.executedAt());
        }
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long seq) {
        var o = event.order();
        insert(seq, event.battleId(), event.agentId(), "rejected:" + o.orderId(), event.step(), "order", o.orderId(),
                o.symbol(), o.side().code(), o.type().code(), o.quantity(), "rejected:" + event.code().name(),
                o.rationale(), event.rejectedAt());
    }

    @EventHandler
    void on(ParticipantReady event, @SequenceNumber long seq) {
        insert(seq, event.battleId(), event.agentId(), "ready:" + event.step(), event.step(), "done_with_step", null, null,
                null, null, null, null, event.rationale(), event.readyAt());
    }

    private void insert(long seq, String battleId, String agentId, String key, long step, String kind, String orderId,
                        String symbol, String side, String type, BigDecimal quantity, String outcome, String rationale,
                        Instant at) {
        jdbc.sql("""
                        INSERT INTO battle_decision_notes (seq, battle_id, agent_id, note_key, step, kind, order_id,
                            symbol, side, order_type, quantity, outcome, rationale, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(seq, battleId, agentId, key, step, kind, orderId, symbol, side, type, quantity, outcome, rationale,
                        at == null ? null : java.sql.Timestamp.from(at))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_decision_notes").update();
    }
}
