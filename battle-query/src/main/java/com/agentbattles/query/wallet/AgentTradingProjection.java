package com.agentbattles.query.wallet;

import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentSessions;
import com.agentbattles.domain.agent.WalletEvents.WalletHandedOver;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderRejected;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.engine.Sandbox;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What an agent trading live sees: its orders and fills, in its own wallet and in the live
 * battles that held it, and the wallet it trades now. Wallets are folded with the engine's
 * {@link Sandbox} (the same bookkeeping the aggregates use), stored as {@link WalletHoldings}.
 * Only live battles' orders are taken (historical battles have their own read model). A fill is
 * applied to a wallet only when its trade row is new, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(AgentTradingProjection.NAME)
public class AgentTradingProjection {

    public static final String NAME = "agent-trading";
    /** The scope of an agent's own wallet in {@code agent_order} and {@code agent_trade}. */
    static final String OWN = "";

    private final JdbcClient jdbc;

    public AgentTradingProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the agent's own wallet ----

    /** The wallet and its first session, which starts when the agent is created. */
    @EventHandler
    void on(AgentCreated event, @MessageIdentifier String eventId, TrackingToken token) {
        jdbc.sql("""
                        INSERT INTO agent_wallet (agent_id, account_id, holdings, battle_id, updated_at,
                            session_id, session_started_at, session_seq)
                        VALUES (?, ?, ?::jsonb, NULL, ?, ?, ?, ?) ON CONFLICT (agent_id) DO NOTHING""")
                .params(event.agentId(), event.accountId(), WalletJson.write(WalletHoldings.cashOnly(event.startingBalance())),
                        ts(event.createdAt()), AgentSessions.sessionId(event.agentId(), eventId), ts(event.createdAt()),
                        seq(token))
                .update();
    }

    /** A reset starts the wallet over in a new session: its resting orders are gone with it. */
    @EventHandler
    void on(AgentReset event, @MessageIdentifier String eventId, TrackingToken token) {
        jdbc.sql("""
                        UPDATE agent_wallet SET holdings = ?::jsonb, updated_at = ?,
                            session_id = ?, session_started_at = ?, session_seq = ?
                        WHERE agent_id = ?""")
                .params(WalletJson.write(WalletHoldings.cashOnly(event.startingBalance())), ts(event.resetAt()),
                        AgentSessions.sessionId(event.agentId(), eventId), ts(event.resetAt()), seq(token),
                        event.agentId())
                .update();
        jdbc.sql("""
                        UPDATE agent_order SET status = 'cancelled', cancel_reason = 'agent_reset'
                        WHERE agent_id = ? AND scope = '' AND status = 'open'""")
                .param(event.agentId()).update();
    }

    @EventHandler
    void on(WalletOrderPlaced event, TrackingToken token) {
        if (placed(event.agentId(), OWN, event.order(), seq(token))) {
            changeOwn(event.agentId(), event.order().createdAt(), sandbox -> {
                if (sandbox.openOrder(event.order().orderId()).isEmpty()) {
                    sandbox.placed(event.order());
                }
            });
        }
        noteRationale(event.agentId(), OWN, event.order().orderId(), event.rationale());
    }

    @EventHandler
    void on(WalletOrderFilled event, TrackingToken token) {
        if (filled(event.agentId(), OWN, event.fill(), seq(token))) {
            changeOwn(event.agentId(), event.fill().executedAt(), sandbox -> sandbox.filled(event.fill()));
        }
        noteRationale(event.agentId(), OWN, event.fill().orderId(), event.rationale());
    }

    @EventHandler
    void on(WalletOrderCancelled event) {
        cancelled(event.agentId(), OWN, event.orderId(), event.reason());
        changeOwn(event.agentId(), event.cancelledAt(), sandbox -> sandbox.cancelled(event.orderId()));
    }

    @EventHandler
    void on(WalletOrderRejected event, TrackingToken token) {
        rejected(event.agentId(), OWN, event.order(), event.code(), event.reason(), event.rejectedAt(), seq(token));
        noteRationale(event.agentId(), OWN, event.order().orderId(), event.order().rationale());
    }

    @EventHandler
    void on(WalletHandedOver event) {
        jdbc.sql("UPDATE agent_wallet SET battle_id = ?, updated_at = ? WHERE agent_id = ?")
                .params(event.battleId(), ts(event.at()), event.agentId()).update();
    }

    /** Fresh mode gives back what was set aside, existing mode what the battle left: the event says which. */
    @EventHandler
    void on(WalletReturned event) {
        jdbc.sql("UPDATE agent_wallet SET battle_id = NULL, holdings = ?::jsonb, updated_at = ? WHERE agent_id = ?")
                .params(WalletJson.write(event.holdings()), ts(event.at()), event.agentId()).update();
    }

    // ---- live battles ----

    @EventHandler
    void on(BattleStarted event) {
        if (event.historical() == null) {
            jdbc.sql("INSERT INTO agent_trading_live_battle (battle_id) VALUES (?) ON CONFLICT DO NOTHING")
                    .param(event.battleId()).update();
        }
    }

    @EventHandler
    void on(ParticipantWalletProvisioned event) {
        jdbc.sql("""
                        INSERT INTO agent_battle_wallet (battle_id, agent_id, holdings, updated_at) VALUES (?, ?, ?::jsonb, ?)
                        ON CONFLICT (battle_id, agent_id) DO NOTHING""")
                .params(event.battleId(), event.agentId(), WalletJson.write(event.holdings()), ts(event.at()))
                .update();
    }

    @EventHandler
    void on(ParticipantWalletClosed event) {
        jdbc.sql("UPDATE agent_battle_wallet SET holdings = ?::jsonb, updated_at = ? WHERE battle_id = ? AND agent_id = ?")
                .params(WalletJson.write(event.holdings()), ts(event.at()), event.battleId(), event.agentId())
                .update();
        jdbc.sql("""
                        UPDATE agent_order SET status = 'cancelled', cancel_reason = 'battle_ended'
                        WHERE agent_id = ? AND scope = ? AND status = 'open'""")
                .params(event.agentId(), event.battleId()).update();
    }

    @EventHandler
    void on(OrderPlaced event, TrackingToken token) {
        if (live(event.battleId()) && placed(event.agentId(), event.battleId(), event.order(), seq(token))) {
            changeInBattle(event.battleId(), event.agentId(), event.order().createdAt(), sandbox -> {
                if (sandbox.openOrder(event.order().orderId()).isEmpty()) {
                    sandbox.placed(event.order());
                }
            });
        }
        noteRationale(event.agentId(), event.battleId(), event.order().orderId(), event.rationale());
    }

    @EventHandler
    void on(OrderFilled event, TrackingToken token) {
        if (live(event.battleId()) && filled(event.agentId(), event.battleId(), event.fill(), seq(token))) {
            changeInBattle(event.battleId(), event.agentId(), event.fill().executedAt(),
                    sandbox -> sandbox.filled(event.fill()));
        }
        noteRationale(event.agentId(), event.battleId(), event.fill().orderId(), event.rationale());
    }

    @EventHandler
    void on(OrderCancelled event) {
        if (live(event.battleId())) {
            cancelled(event.agentId(), event.battleId(), event.orderId(), event.reason());
            changeInBattle(event.battleId(), event.agentId(), event.cancelledAt(),
                    sandbox -> sandbox.cancelled(event.orderId()));
        }
    }

    @EventHandler
    void on(OrderRejected event, TrackingToken token) {
        if (live(event.battleId())) {
            rejected(event.agentId(), event.battleId(), event.order(), event.code(), event.reason(), event.rejectedAt(),
                    seq(token));
        }
        noteRationale(event.agentId(), event.battleId(), event.order().orderId(), event.order().rationale());
    }

    /**
     * The agent's note on an order, kept with the order row (its fills show it through the order);
     * a row this projection does not keep (a historical battle's order) is simply not there.
     */
    private void noteRationale(String agentId, String scope, String orderId, String rationale) {
        if (rationale != null) {
            jdbc.sql("""
                            UPDATE agent_order SET rationale = ?
                            WHERE agent_id = ? AND scope = ? AND order_id = ? AND rationale IS NULL""")
                    .params(rationale, agentId, scope, orderId).update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM agent_trade").update();
        jdbc.sql("DELETE FROM agent_order").update();
        jdbc.sql("DELETE FROM agent_battle_wallet").update();
        jdbc.sql("DELETE FROM agent_wallet").update();
        jdbc.sql("DELETE FROM agent_trading_live_battle").update();
    }

    // ---- rows ----

    private boolean live(String battleId) {
        return jdbc.sql("SELECT count(*) FROM agent_trading_live_battle WHERE battle_id = ?")
                .param(battleId).query(Long.class).single() > 0;
    }

    /** @return whether the order is new (so the wallet still has to take it) */
    private boolean placed(String agentId, String scope, RestingOrder order, long seq) {
        return jdbc.sql("""
                        INSERT INTO agent_order (agent_id, scope, order_id, seq, symbol, side, order_type, quantity, price,
                            trigger_price, status, executed_quantity, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, ?) ON CONFLICT DO NOTHING""")
                .params(agentId, scope, order.orderId(), seq, order.symbol(), order.side().code(), order.type().code(),
                        order.quantity(), order.price(), order.triggerPrice(), ts(order.createdAt()))
                .update() > 0;
    }

    /** @return whether the fill is new (so the wallet still has to take it) */
    private boolean filled(String agentId, String scope, Fill fill, long seq) {
        int inserted = jdbc.sql("""
                        INSERT INTO agent_trade (agent_id, scope, order_id, seq, symbol, side, order_type, quantity, price,
                            slippage_pct, fee, total, realized_pnl, executed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(agentId, scope, fill.orderId(), seq, fill.symbol(), fill.side().code(), fill.type().code(),
                        fill.quantity(), fill.price(), fill.slippagePct(), fill.fee(), fill.total(), fill.realizedPnl(),
                        ts(fill.executedAt()))
                .update();
        if (inserted == 0) {
            return false;
        }
        // a market order (or a close-out) has no row yet: it was filled the moment it was placed
        jdbc.sql("""
                        INSERT INTO agent_order (agent_id, scope, order_id, seq, symbol, side, order_type, quantity, status,
                            executed_quantity, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'filled', 0, ?) ON CONFLICT DO NOTHING""")
                .params(agentId, scope, fill.orderId(), seq, fill.symbol(), fill.side().code(), fill.type().code(),
                        fill.quantity(), ts(fill.executedAt()))
                .update();
        jdbc.sql("""
                        UPDATE agent_order SET status = 'filled', executed_price = ?, executed_quantity = ?, slippage_pct = ?,
                            fee = ?, total_cost = ?, filled_at = ?
                        WHERE agent_id = ? AND scope = ? AND order_id = ?""")
                .params(fill.price(), fill.quantity(), fill.slippagePct(), fill.fee(), fill.total(),
                        ts(fill.executedAt()), agentId, scope, fill.orderId())
                .update();
        return true;
    }

    private void cancelled(String agentId, String scope, String orderId, String reason) {
        jdbc.sql("""
                        UPDATE agent_order SET status = 'cancelled', cancel_reason = ?
                        WHERE agent_id = ? AND scope = ? AND order_id = ? AND status = 'open'""")
                .params(reason, agentId, scope, orderId).update();
    }

    private void rejected(String agentId, String scope, OrderRequest order, ErrorCode code, String reason, Instant at,
                          long seq) {
        jdbc.sql("""
                        INSERT INTO agent_order (agent_id, scope, order_id, seq, symbol, side, order_type, quantity, price,
                            trigger_price, status, reject_code, reject_reason, executed_quantity, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'rejected', ?, ?, 0, ?) ON CONFLICT DO NOTHING""")
                .params(agentId, scope, order.orderId(), seq, String.valueOf(order.symbol()),
                        order.side() == null ? "" : order.side().code(), order.type() == null ? "" : order.type().code(),
                        order.quantity(), order.price(), order.triggerPrice(), code == null ? null : code.name(),
                        reason == null ? null : reason.substring(0, Math.min(500, reason.length())), ts(at))
                .update();
    }

    // ---- wallets ----

    private void changeOwn(String agentId, Instant at, Consumer<Sandbox> change) {
        Optional<String> json = jdbc.sql("SELECT holdings::text FROM agent_wallet WHERE agent_id = ? FOR UPDATE")
                .param(agentId).query(String.class).optional();
        if (json.isEmpty()) {
            return; // an agent created before this projection existed is rebuilt by a replay
        }
        Sandbox sandbox = Sandbox.holding(WalletJson.read(json.get()));
        change.accept(sandbox);
        jdbc.sql("UPDATE agent_wallet SET holdings = ?::jsonb, updated_at = ? WHERE agent_id = ?")
                .params(WalletJson.write(sandbox.holdings()), ts(at), agentId).update();
    }

    private void changeInBattle(String battleId, String agentId, Instant at, Consumer<Sandbox> change) {
        Optional<String> json = jdbc.sql("""
                        SELECT holdings::text FROM agent_battle_wallet WHERE battle_id = ? AND agent_id = ? FOR UPDATE""")
                .params(battleId, agentId).query(String.class).optional();
        if (json.isEmpty()) {
            return;
        }
        Sandbox sandbox = Sandbox.holding(WalletJson.read(json.get()));
        change.accept(sandbox);
        jdbc.sql("UPDATE agent_battle_wallet SET holdings = ?::jsonb, updated_at = ? WHERE battle_id = ? AND agent_id = ?")
                .params(WalletJson.write(sandbox.holdings()), ts(at), battleId, agentId).update();
    }

    private static long seq(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
