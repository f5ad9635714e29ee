package com.agentbattles.query.battle;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one participant sees of its battle, read from the {@link BattleTradingProjection} group's
 * tables: the candles of the current step, its battle wallet, its orders and fills. Always for one
 * owner (another account's battle reads as absent); orders and fills come in the shapes of
 * {@link AgentTradingReadModel}, so a battle wallet answers exactly like the agent's own one.
 * Callers check the agent takes part and wait for the projections first.
 */
@Component
public class BattleParticipantReadModel {

    private final JdbcClient jdbc;

    public BattleParticipantReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The candles of the battle's latest step; empty before the first step and for live battles. */
    public List<Candle> stepCandles(String accountId, String battleId) {
        return jdbc.sql("""
                        SELECT p.candles::text FROM battle_progress p JOIN battle_view b ON b.battle_id = p.battle_id
                        WHERE p.battle_id = ? AND b.account_id = ?""")
                .params(battleId, accountId)
                .query((rs, n) -> BattleJson.candles(rs.getString(1)))
                .optional().orElse(List.of());
    }

    /** The participant's wallet in the battle; absent before it has one (a live wallet not provisioned yet). */
    public Optional<WalletHoldings> wallet(String accountId, String battleId, String agentId) {
        return jdbc.sql("""
                        SELECT w.holdings::text FROM battle_wallet w JOIN battle_view b ON b.battle_id = w.battle_id
                        WHERE w.battle_id = ? AND w.agent_id = ? AND b.account_id = ?""")
                .params(battleId, agentId, accountId)
                .query((rs, n) -> BattleJson.holdings(rs.getString(1)))
                .optional();
    }

    /**
     * The participant's orders, newest first, each with its fill when it has one.
     *
     * @param status null for all, else open, filled, cancelled or rejected
     * @param symbol null for all
     */
    public List<AgentTradingReadModel.Order> orders(String accountId, String battleId, String agentId, String status,
                                                    String symbol, int limit, int offset) {
        return jdbc.sql(ORDERS + """
                            AND (CAST(? AS VARCHAR) IS NULL OR o.status = ?)
                            AND (CAST(? AS VARCHAR) IS NULL OR o.symbol = ?)
                        ORDER BY o.created_at DESC, o.step DESC, o.order_id DESC LIMIT ? OFFSET ?""")
                .params(battleId, agentId, accountId, status, status, symbol, symbol, limit, offset)
                .query(this::order).list();
    }

    /** The participant's resting orders, oldest first. */
    public List<AgentTradingReadModel.Order> openOrders(String accountId, String battleId, String agentId) {
        return jdbc.sql(ORDERS + " AND o.status = 'open' ORDER BY o.created_at, o.step, o.order_id")
                .params(battleId, agentId, accountId)
                .query(this::order).list();
    }

    /** The participant's fills, newest first; {@code symbol} null for all. */
    public List<AgentTradingReadModel.Trade> trades(String accountId, String battleId, String agentId, String symbol,
                                                    int limit, int offset) {
        return jdbc.sql("""
                        SELECT t.*, o.rationale FROM battle_trade t JOIN battle_view b ON b.battle_id = t.battle_id
                        LEFT JOIN battle_order o ON o.battle_id = t.battle_id AND o.order_id = t.order_id
                        WHERE t.battle_id = ? AND t.agent_id = ? AND b.account_id = ?
                            AND (CAST(? AS VARCHAR) IS NULL OR t.symbol = ?)
                        ORDER BY t.seq DESC LIMIT ? OFFSET ?""")
                .params(battleId, agentId, accountId, symbol, symbol, limit, offset)
                .query((rs, n) -> new AgentTradingReadModel.Trade(rs.getString("order_id"), rs.getString("order_id"),
                        rs.getString("battle_id"), rs.getString("symbol"), rs.getString("side"), rs.getString("order_type"),
                        rs.getBigDecimal("quantity"), rs.getBigDecimal("price"), rs.getBigDecimal("slippage_pct"),
                        rs.getBigDecimal("fee"), rs.getBigDecimal("total"), rs.getBigDecimal("realized_pnl"),
                        instant(rs, "executed_at"), rs.getString("rationale")))
                .list();
    }

    /** An order executes in full, so it has at most one fill. */
    private static final String ORDERS = """
            SELECT o.*, t.price AS executed_price, t.quantity AS executed_quantity, t.slippage_pct, t.fee,
                t.total AS total_cost, t.executed_at AS filled_at
            FROM battle_order o JOIN battle_view b ON b.battle_id = o.battle_id
            LEFT JOIN LATERAL (SELECT * FROM battle_trade f WHERE f.battle_id = o.battle_id AND f.order_id = o.order_id
                ORDER BY f.seq LIMIT 1) t ON TRUE
            WHERE o.battle_id = ? AND o.agent_id = ? AND b.account_id = ?
            """;

    private AgentTradingReadModel.Order order(ResultSet rs, int row) throws SQLException {
        return new AgentTradingReadModel.Order(rs.getString("order_id"), rs.getString("battle_id"), rs.getString("status"),
                rs.getString("symbol"), rs.getString("side"), rs.getString("order_type"), rs.getBigDecimal("quantity"),
                rs.getBigDecimal("price"), rs.getBigDecimal("trigger_price"), rs.getBigDecimal("executed_price"),
                rs.getBigDecimal("executed_quantity"), rs.getBigDecimal("slippage_pct"), rs.getBigDecimal("fee"),
                rs.getBigDecimal("total_cost"), rs.getString("reject_code"), rs.getString("reject_reason"),
                instant(rs, "created_at"), instant(rs, "filled_at"), rs.getString("rationale"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
