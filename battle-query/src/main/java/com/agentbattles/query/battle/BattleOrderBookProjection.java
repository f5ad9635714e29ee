package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The order book and trade log of every battle, historical and live: orders as the agents
 * placed them with their fate ({@code battle_order}) and every fill in log order
 * ({@code battle_trade}); a live battle's orders carry its snapshot sequence as their step. Part
 * of the {@link BattleTradingProjection} group. Idempotent: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BattleOrderBookProjection {

    private final JdbcClient jdbc;

    public BattleOrderBookProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrderPlaced event) {
        RestingOrder order = event.order();
        insertOrder(event.battleId(), order.orderId(), event.agentId(), order.symbol(), order.side().code(),
                order.type().code(), order.quantity(), order.price(), order.triggerPrice(), "open", null, null,
                event.step(), order.createdAt());
        noteRationale(event.battleId(), order.orderId(), event.rationale());
    }

    @EventHandler
    void on(OrderRejected event) {
        OrderRequest order = event.order();
        insertOrder(event.battleId(), order.orderId(), event.agentId(), String.valueOf(order.symbol()),
                order.side() == null ? "" : order.side().code(), order.type() == null ? "" : order.type().code(),
                order.quantity(), order.price(), order.triggerPrice(), "rejected", event.code().name(), event.reason(),
                event.step(), event.rejectedAt());
        noteRationale(event.battleId(), order.orderId(), order.rationale());
    }

    /** A market order (or a close-out) has no row yet: it was filled the moment it was placed. */
    @EventHandler
    void on(OrderFilled event, TrackingToken token) {
        Fill fill = event.fill();
        insertOrder(event.battleId(), fill.orderId(), event.agentId(), fill.symbol(), fill.side().code(),
                fill.type().code(), fill.quantity(), null, null, "filled", null, null, event.step(), fill.executedAt());
        noteRationale(event.battleId(), fill.orderId(), event.rationale());
        jdbc.sql("UPDATE battle_order SET status = 'filled' WHERE battle_id = ? AND order_id = ?")
                .params(event.battleId(), fill.orderId()).update();
        jdbc.sql("""
                        INSERT INTO battle_trade (battle_id, seq, agent_id, order_id, symbol, side, order_type, quantity,
                            price, slippage_pct, fee, total, realized_pnl, step, executed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.battleId(), token.position().orElse(0), event.agentId(), fill.orderId(), fill.symbol(),
                        fill.side().code(), fill.type().code(), fill.quantity(), fill.price(), fill.slippagePct(),
                        fill.fee(), fill.total(), fill.realizedPnl(), event.step(), Timestamp.from(fill.executedAt()))
                .update();
    }

    @EventHandler
    void on(OrderCancelled event) {
        jdbc.sql("UPDATE battle_order SET status = 'cancelled' WHERE battle_id = ? AND order_id = ?")
                .params(event.battleId(), event.orderId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_order").update();
        jdbc.sql("DELETE FROM battle_trade").update();
    }

    /** The agent's note on an order, kept with the order row (its fills show it through the order). */
    private void noteRationale(String battleId, String orderId, String rationale) {
        if (rationale != null) {
            jdbc.sql("UPDATE battle_order SET rationale = ? WHERE battle_id = ? AND order_id = ? AND rationale IS NULL")
                    .params(rationale, battleId, orderId).update();
        }
    }

    private void insertOrder(String battleId, String orderId, String agentId, String symbol, String side, String type,
                             BigDecimal quantity, BigDecimal price, BigDecimal trigger, String status, String code,
                             String reason, long step, Instant at) {
        jdbc.sql("""
                        INSERT INTO battle_order (battle_id, order_id, agent_id, symbol, side, order_type, quantity, price,
                            trigger_price, status, reject_code, reject_reason, step, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(battleId, orderId, agentId, symbol, side, type, quantity, price, trigger, status, code,
                        reason == null ? null : reason.substring(0, Math.min(500, reason.length())), step,
                        Timestamp.from(at))
                .update();
    }
}
