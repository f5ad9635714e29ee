package com.agentbattles.query.battle;

import com.agentbattles.domain.battle.BattleEvents.BattleStarted;
import com.agentbattles.domain.battle.BattleEvents.ParticipantEliminated;
import com.agentbattles.domain.battle.BattleTradingEvents.BattleStepped;
import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import com.agentbattles.domain.battle.LiveBattleEvents.ParticipantWalletProvisioned;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderCancelled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderFilled;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderPlaced;
import com.agentbattles.domain.battle.BattleTradingEvents.OrderRejected;
import com.agentbattles.domain.battle.BattleTradingEvents.Valuation;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.RestingOrder;
import com.agentbattles.query.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import com.agentbattles.domain.metrics.PerformanceTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the trading of battles, historical and live, into the clock ({@code battle_progress}),
 * the replay snapshots, the trade log, the order book and the standings' inputs
 * ({@code battle_standing}) of each battle. A live battle's clock is its snapshot sequence: its
 * snapshots are steps without a virtual time, and its orders and fills carry that sequence. Idempotent: a redelivered event
 * changes nothing.
 */
@Component
@ProcessingGroup(BattleTradingProjection.NAME)
public class BattleTradingProjection {

    public static final String NAME = "battle-trading";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public BattleTradingProjection(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @EventHandler
    void on(BattleStarted event) {
        boolean live = event.historical() == null;
        java.time.Duration spacing = live ? event.snapshotInterval() : event.config().candleInterval().duration();
        jdbc.sql("""
                        INSERT INTO battle_progress (battle_id, step, total_steps, starting_balance, virtual_time, prices,
                            live, snapshot_interval_ms, started_at, wallet_mode)
                        VALUES (?, 0, ?, ?, ?, '{}'::jsonb, ?, ?, ?, ?) ON CONFLICT (battle_id) DO NOTHING""")
                .params(event.battleId(), live ? 0 : event.historical().totalSteps(), event.config().startingBalance(),
                        live ? null : java.sql.Timestamp.from(event.historical().startTime()), live,
                        spacing == null ? null : spacing.toMillis(), java.sql.Timestamp.from(event.startedAt()),
                        event.config().walletMode() == null ? null : event.config().walletMode().code())
                .update();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < event.agentIds().size(); i++) {
            // a live wallet's baseline is settled when it is provisioned (an existing wallet at cost)
            rows.add(new Object[]{event.battleId(), event.agentIds().get(i), i, event.config().startingBalance()});
        }
        batch.batchUpdate("""
                INSERT INTO battle_standing (battle_id, agent_id, join_order, baseline)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
    }

    @EventHandler
    void on(ParticipantWalletProvisioned event) {
        boolean existing = jdbc.sql("SELECT wallet_mode FROM battle_progress WHERE battle_id = ?")
                .param(event.battleId()).query(String.class).optional().map("existing"::equals).orElse(false);
        if (existing) {
            jdbc.sql("UPDATE battle_standing SET baseline = ? WHERE battle_id = ? AND agent_id = ?")
                    .params(event.holdings().valueAtCost(), event.battleId(), event.agentId()).update();
        }
    }

    @EventHandler
    void on(ParticipantEliminated event) {
        jdbc.sql("UPDATE battle_standing SET eliminated_at = ? WHERE battle_id = ? AND agent_id = ?")
                .params(java.sql.Timestamp.from(event.eliminatedAt()), event.battleId(), event.agentId()).update();
    }

    /**
     * A live battle's snapshot: one row per valued participant at {@code takenAt}, with no virtual
     * time, roi_pct against each participant's own baseline, and the prices it was valued at.
     */
    @EventHandler
    void on(LiveSnapshotTaken event) {
        Map<String, BigDecimal> baselines = new LinkedHashMap<>();
        jdbc.sql("SELECT agent_id, baseline FROM battle_standing WHERE battle_id = ?").param(event.battleId())
                .query(rs -> {
                    baselines.put(rs.getString("agent_id"), rs.getBigDecimal("baseline"));
                });
        List<Object[]> rows = new ArrayList<>();
        java.sql.Timestamp takenAt = java.sql.Timestamp.from(event.takenAt());
        for (Valuation valuation : event.valuations()) {
            BigDecimal baseline = baselines.get(valuation.agentId());
            if (baseline == null) {
                continue; // not a participant of a started battle: cannot happen in an honest log
            }
            rows.add(new Object[]{event.battleId(), event.sequence(), valuation.agentId(), takenAt, valuation.equity(),
                    PerformanceTracker.roiPct(baseline, valuation.equity()), valuation.tradeCount()});
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO battle_snapshot (battle_id, step, agent_id, virtual_time, recorded_at, equity, roi_pct, trade_count)
                    VALUES (?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
        }
        Map<String, String> prices = new TreeMap<>();
        event.prices().forEach(quote -> prices.put(quote.symbol(), quote.price().toPlainString()));
        jdbc.sql("""
                        UPDATE battle_progress SET step = ?, prices = prices || ?::jsonb
                        WHERE battle_id = ? AND step < ?""")
                .params(event.sequence(), BattleJson.write(prices), event.battleId(), event.sequence())
                .update();
    }

    /**
     * Steps are the bulk of a battle's log, so they are written behind: a processor batch of
     * steps becomes one batched insert of snapshots and one clock update per battle.
     */
    @EventHandler
    void on(BattleStepped event, @Timestamp Instant recordedAt) {
        BatchWrites.record(this, StepBuffer::new, buffer -> buffer.add(event, recordedAt), this::flush);
    }

    /** The steps of one processor batch, per battle. */
    private static final class StepBuffer {
        final Map<String, BattleStepped> latest = new LinkedHashMap<>();
        final Map<String, Map<String, String>> prices = new LinkedHashMap<>();
        final List<BattleStepped> steps = new ArrayList<>();
        final List<Instant> recorded = new ArrayList<>();

        void add(BattleStepped event, Instant recordedAt) {
            steps.add(event);
            recorded.add(recordedAt);
            latest.put(event.battleId(), event);
            Map<String, String> seen = prices.computeIfAbsent(event.battleId(), id -> new TreeMap<>());
            for (Candle candle : event.candles()) {
                seen.put(candle.symbol(), candle.close().toPlainString());
            }
        }
    }

    private void flush(StepBuffer buffer) {
        Map<String, BigDecimal> startingBalances = new LinkedHashMap<>();
        for (String battleId : buffer.latest.keySet()) {
            startingBalances.put(battleId, jdbc.sql("SELECT starting_balance FROM battle_progress WHERE battle_id = ?")
                    .param(battleId).query(BigDecimal.class).optional().orElse(null));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < buffer.steps.size(); i++) {
            BattleStepped event = buffer.steps.get(i);
            BigDecimal start = startingBalances.get(event.battleId());
            if (start == null) {
                continue; // a step without a start cannot happen in an honest log; nothing to value against
            }
            for (Valuation valuation : event.valuations()) {
                rows.add(new Object[]{event.battleId(), event.step(), valuation.agentId(),
                        java.sql.Timestamp.from(event.virtualTime()), java.sql.Timestamp.from(buffer.recorded.get(i)),
                        valuation.equity(), PerformanceTracker.roiPct(start, valuation.equity()), valuation.tradeCount()});
            }
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO battle_snapshot (battle_id, step, agent_id, virtual_time, recorded_at, equity, roi_pct, trade_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
        }
        buffer.latest.forEach((battleId, last) -> jdbc.sql("""
                        UPDATE battle_progress SET step = ?, virtual_time = ?, prices = prices || ?::jsonb
                        WHERE battle_id = ? AND step < ?""")
                .params(last.step(), java.sql.Timestamp.from(last.virtualTime()),
                        BattleJson.write(buffer.prices.get(battleId)), battleId, last.step())
                .update());
    }

    @EventHandler
    void on(OrderPlaced event) {
        RestingOrder order = event.order();
        insertOrder(event.battleId(), order.orderId(), event.agentId(), order.symbol(), order.side().code(),
                order.type().code(), order.quantity(), order.price(), order.triggerPrice(), "open", null, null,
                event.step(), order.createdAt());
    }

    @EventHandler
    void on(OrderRejected event) {
        OrderRequest order = event.order();
        insertOrder(event.battleId(), order.orderId(), event.agentId(), String.valueOf(order.symbol()),
                order.side() == null ? "" : order.side().code(), order.type() == null ? "" : order.type().code(),
                order.quantity(), order.price(), order.triggerPrice(), "rejected", event.code().name(), event.reason(),
                event.step(), event.rejectedAt());
    }

    @EventHandler
    void on(OrderFilled event, TrackingToken token) {
        Fill fill = event.fill();
        insertOrder(event.battleId(), fill.orderId(), event.agentId(), fill.symbol(), fill.side().code(),
                fill.type().code(), fill.quantity(), null, null, "filled", null, null, event.step(), fill.executedAt());
        jdbc.sql("UPDATE battle_order SET status = 'filled' WHERE battle_id = ? AND order_id = ?")
                .params(event.battleId(), fill.orderId()).update();
        jdbc.sql("""
                        INSERT INTO battle_trade (battle_id, seq, agent_id, order_id, symbol, side, order_type, quantity,
                            price, slippage_pct, fee, total, realized_pnl, step, executed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.battleId(), token.position().orElse(0), event.agentId(), fill.orderId(), fill.symbol(),
                        fill.side().code(), fill.type().code(), fill.quantity(), fill.price(), fill.slippagePct(),
                        fill.fee(), fill.total(), fill.realizedPnl(), event.step(), java.sql.Timestamp.from(fill.executedAt()))
                .update();
    }

    @EventHandler
    void on(OrderCancelled event) {
        jdbc.sql("UPDATE battle_order SET status = 'cancelled' WHERE battle_id = ? AND order_id = ?")
                .params(event.battleId(), event.orderId()).update();
    }

    /** Historical battles only (those with a clock): each participant's result becomes a backtest record. */
    @EventHandler
    void on(com.agentbattles.domain.battle.BattleEvents.BattleStopped event) {
        boolean historical = jdbc.sql("SELECT count(*) FROM battle_progress WHERE battle_id = ? AND NOT live")
                .param(event.battleId()).query(Long.class).single() > 0;
        if (!historical) {
            return;
        }
        for (com.agentbattles.domain.battle.FinalRanking ranking : event.rankings()) {
            jdbc.sql("""
                            INSERT INTO backtest_session (session_id, account_id, battle_id, agent_id, strategy_label,
                                ranking, completed_at)
                            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING""")
                    .params(sessionId(event.battleId(), ranking.agentId()), event.accountId(), event.battleId(),
                            ranking.agentId(), "battle_" + event.battleId(), BattleJson.write(ranking),
                            java.sql.Timestamp.from(event.stoppedAt()))
                    .update();
        }
    }

    /** Stable across rebuilds: the same battle and agent always give the same session id. */
    public static String sessionId(String battleId, String agentId) {
        return java.util.UUID.nameUUIDFromBytes(("battle-backtest:" + battleId + ":" + agentId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM backtest_session").update();
        jdbc.sql("DELETE FROM battle_order").update();
        jdbc.sql("DELETE FROM battle_trade").update();
        jdbc.sql("DELETE FROM battle_snapshot").update();
        jdbc.sql("DELETE FROM battle_progress").update();
        jdbc.sql("DELETE FROM battle_standing").update();
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
                        java.sql.Timestamp.from(at))
                .update();
    }
}
