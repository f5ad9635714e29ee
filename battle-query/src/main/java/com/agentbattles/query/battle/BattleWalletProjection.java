package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletClosed;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.engine.Sandbox;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Each participant's wallet inside a battle ({@code battle_wallet}), historical or live, folded
 * with the engine's {@link Sandbox} (the bookkeeping the aggregates use): a historical wallet
 * starts as the battle's starting cash, a live one as the holdings it was provisioned with; then
 * every order placed, filled and cancelled, and a live wallet's closing holdings. It is what a
 * participant's own view of the battle reads its balance, positions and portfolio from. Part of
 * the {@link BattleTradingProjection} group, so it is current whenever the battle's clock and
 * order book are. An event at or below the row's {@code last_seq} is a redelivery and changes nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BattleWalletProjection {

    private final JdbcClient jdbc;

    public BattleWalletProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BattleStarted event, TrackingToken token) {
        if (event.historical() == null) {
            return; // a live wallet appears when it is provisioned
        }
        for (String agentId : event.agentIds()) {
            insert(event.battleId(), agentId, WalletHoldings.cashOnly(event.config().startingBalance()), seq(token),
                    event.startedAt());
        }
    }

    @EventHandler
    void on(ParticipantWalletProvisioned event, TrackingToken token) {
        insert(event.battleId(), event.agentId(), event.holdings(), seq(token), event.at());
    }

    @EventHandler
    void on(ParticipantWalletClosed event, TrackingToken token) {
        jdbc.sql("""
                        UPDATE battle_wallet SET holdings = ?::jsonb, last_seq = ?, updated_at = ?
                        WHERE battle_id = ? AND agent_id = ? AND last_seq < ?""")
                .params(BattleJson.write(event.holdings()), seq(token), ts(event.at()), event.battleId(), event.agentId(),
                        seq(token))
                .update();
    }

    @EventHandler
    void on(OrderPlaced event, TrackingToken token) {
        change(event.battleId(), event.agentId(), seq(token), event.order().createdAt(), sandbox -> {
            if (sandbox.openOrder(event.order().orderId()).isEmpty()) {
                sandbox.placed(event.order());
            }
        });
    }

    @EventHandler
    void on(OrderFilled event, TrackingToken token) {
        change(event.battleId(), event.agentId(), seq(token), event.fill().executedAt(),
                sandbox -> sandbox.filled(event.fill()));
    }

    @EventHandler
    void on(OrderCancelled event, TrackingToken token) {
        change(event.battleId(), event.agentId(), seq(token), event.cancelledAt(),
                sandbox -> sandbox.cancelled(event.orderId()));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM battle_wallet").update();
    }

    private void insert(String battleId, String agentId, WalletHoldings holdings, long seq, Instant at) {
        jdbc.sql("""
                        INSERT INTO battle_wallet (battle_id, agent_id, holdings, last_seq, updated_at)
                        VALUES (?, ?, ?::jsonb, ?, ?) ON CONFLICT (battle_id, agent_id) DO NOTHING""")
                .params(battleId, agentId, BattleJson.write(holdings), seq, ts(at))
                .update();
    }

    private void change(String battleId, String agentId, long seq, Instant at, Consumer<Sandbox> change) {
        var row = jdbc.sql("""
                        SELECT holdings::text AS holdings, last_seq FROM battle_wallet
                        WHERE battle_id = ? AND agent_id = ? FOR UPDATE""")
                .params(battleId, agentId)
                .query((rs, n) -> new Object[]{rs.getString("holdings"), rs.getLong("last_seq")})
                .optional();
        if (row.isEmpty() || (long) row.get()[1] >= seq) {
            return; // a battle started before this read model existed (rebuilt by a replay), or a redelivery
        }
        Sandbox sandbox = Sandbox.holding(BattleJson.holdings((String) row.get()[0]));
        change.accept(sandbox);
        jdbc.sql("UPDATE battle_wallet SET holdings = ?::jsonb, last_seq = ?, updated_at = ? WHERE battle_id = ? AND agent_id = ?")
                .params(BattleJson.write(sandbox.holdings()), seq, ts(at), battleId, agentId)
                .update();
    }

    private static long seq(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
