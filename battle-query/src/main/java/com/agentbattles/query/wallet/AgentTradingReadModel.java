package com.agentbattles.query.wallet;

import com.agentbattles.domain.trading.WalletHoldings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads of {@link AgentTradingProjection}'s tables, always for one agent (the caller resolves
 * the agent and checks it is the caller's first). "The current wallet" is the agent's own, or
 * the battle wallet of the live battle that holds it; order and trade lists are of the current
 * wallet, a single order is found in any of them.
 */
@Component
public class AgentTradingReadModel {

    /**
     * The wallet an agent trades now.
     *
     * @param battleId the live battle holding the agent's wallet, or null for its own wallet
     */
    public record CurrentWallet(String agentId, String accountId, String battleId, WalletHoldings holdings) {
        public boolean inBattle() {
            return battleId != null;
        }
    }

    /** @param battleId null for an order of the agent's own wallet */
    public record Order(String orderId, String battleId, String status, String symbol, String side, String type,
                        BigDecimal quantity, BigDecimal price, BigDecimal triggerPrice, BigDecimal executedPrice,
                        BigDecimal executedQuantity, BigDecimal slippagePct, BigDecimal fee, BigDecimal totalCost,
                        String rejectCode, String rejectReason, Instant createdAt, Instant filledAt,
                        String rationale) {
    }

    public record Trade(String tradeId, String orderId, String battleId, String symbol, String side, String type,
                        BigDecimal quantity, BigDecimal price, BigDecimal slippagePct, BigDecimal fee, BigDecimal total,
                        BigDecimal realizedPnl, Instant executedAt, String rationale) {
    }

    /**
     * The current session of the agent's own wallet: it started at the agent's creation or its
     * last reset; its fills are the own wallet's fills recorded after the starting event.
     *
     * @param startPosition the log position of the starting event
     * @param ownWallet     the own wallet as it stands (as set aside while a live battle holds it)
     */
    public record Session(String sessionId, Instant startedAt, long startPosition, WalletHoldings ownWallet) {
    }

    /** One own-wallet fill of a session, as its event recorded it. */
    public record SessionFill(String orderId, String side, BigDecimal fee, BigDecimal realizedPnl, Instant executedAt) {
    }

    private final JdbcClient jdbc;

    public AgentTradingReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The agent's current wallet: its battle wallet while a live battle holds it (its own wallet,
     * as set aside, until the battle has provisioned one), otherwise its own.
     */
    public Optional<CurrentWallet> currentWallet(String agentId) {
        return jdbc.sql("""
                        SELECT w.agent_id, w.account_id, w.battle_id, COALESCE(b.holdings, w.holdings)::text AS holdings
                        FROM agent_wallet w
                        LEFT JOIN agent_battle_wallet b ON b.battle_id = w.battle_id AND b.agent_id = w.agent_id
                        WHERE w.agent_id = ?""")
                .param(agentId)
                .query((rs, n) -> new CurrentWallet(rs.getString("agent_id"), rs.getString("account_id"),
                        rs.getString("battle_id"), WalletJson.read(rs.getString("holdings"))))
                .optional();
    }

    /**
     * Agents whose own wallet has resting orders on any of these symbols, with those symbols: the
     * wallets a batch of price updates may fill.
     */
    public java.util.Map<String, java.util.Set<String>> ownWalletsWithOpenOrders(java.util.Collection<String> symbols) {
        java.util.Map<String, java.util.Set<String>> bySymbol = new java.util.TreeMap<>();
        if (symbols.isEmpty()) {
            return bySymbol;
        }
        jdbc.sql("""
                        SELECT DISTINCT agent_id, symbol FROM agent_order
                        WHERE scope = '' AND status = 'open' AND symbol = ANY (?)""")
                .param(symbols.toArray(String[]::new))
                .query(rs -> {
                    bySymbol.computeIfAbsent(rs.getString(1), id -> new java.util.TreeSet<>()).add(rs.getString(2));
                });
        return bySymbol;
    }

    /** The current session of the agent's own wallet; empty for an agent projected before sessions (rebuild). */
    public Optional<Session> session(String agentId) {
        return jdbc.sql("""
                        SELECT session_id, session_started_at, session_seq, holdings::text AS holdings
                        FROM agent_wallet WHERE agent_id = ? AND session_id IS NOT NULL""")
                .param(agentId)
                .query((rs, n) -> new Session(rs.getString("session_id"), instant(rs, "session_started_at"),
                        rs.getLong("session_seq"), WalletJson.read(rs.getString("holdings"))))
                .optional();
    }

    /**
     * The session's own-wallet fills executed in [{@code from}, {@code to}] (a null bound is
     * open), in the order of the log.
     */
    public List<SessionFill> sessionFills(String agentId, Session session, Instant from, Instant to) {
        java.sql.Timestamp after = from == null ? null : java.sql.Timestamp.from(from);
        java.sql.Timestamp until = to == null ? null : java.sql.Timestamp.from(to);
        return jdbc.sql("""
                        SELECT order_id, side, fee, realized_pnl, executed_at FROM agent_trade
                        WHERE agent_id = ? AND scope = '' AND seq > ?
                            AND (CAST(? AS TIMESTAMPTZ) IS NULL OR executed_at >= ?)
                            AND (CAST(? AS TIMESTAMPTZ) IS NULL OR executed_at <= ?)
                        ORDER BY seq, order_id""")
                .params(agentId, session.startPosition(), after, after, until, until)
                .query((rs, n) -> new SessionFill(rs.getString("order_id"), rs.getString("side"),
                        rs.getBigDecimal("fee"), rs.getBigDecimal("realized_pnl"), instant(rs, "executed_at")))
                .list();
    }

    /** The live battle holding the agent's wallet, if any. */
    public Optional<String> walletBattle(String agentId) {
        return jdbc.sql("SELECT battle_id FROM agent_wallet WHERE agent_id = ? AND battle_id IS NOT NULL")
                .param(agentId).query(String.class).optional();
    }

    /** One of the agent's orders, in any of its wallets (the current wallet's first). */
    public Optional<Order> order(String agentId, String orderId) {
        return jdbc.sql("""
                        SELECT o.* FROM agent_order o LEFT JOIN agent_wallet w ON w.agent_id = o.agent_id
                        WHERE o.agent_id = ? AND o.order_id = ?
                        ORDER BY (o.scope = COALESCE(w.battle_id, '')) DESC, o.seq DESC LIMIT 1""")
                .params(agentId, orderId).query(this::order).optional();
    }

    /**
     * The current wallet's orders, newest first.
     *
     * @param status null for all, else open, filled, cancelled or rejected
     * @param symbol null for all
     */
    public List<Order> orders(String agentId, String status, String symbol, int limit, int offset) {
        return jdbc.sql("""
                        SELECT o.* FROM agent_order o JOIN agent_wallet w ON w.agent_id = o.agent_id
                        WHERE o.agent_id = ? AND o.scope = COALESCE(w.battle_id, '')
                            AND (CAST(? AS VARCHAR) IS NULL OR o.status = ?)
                            AND (CAST(? AS VARCHAR) IS NULL OR o.symbol = ?)
                        ORDER BY o.seq DESC, o.order_id LIMIT ? OFFSET ?""")
                .params(agentId, status, status, symbol, symbol, limit, offset).query(this::order).list();
    }

    /** The current wallet's resting orders, oldest first. */
    public List<Order> openOrders(String agentId) {
        return jdbc.sql("""
                        SELECT o.* FROM agent_order o JOIN agent_wallet w ON w.agent_id = o.agent_id
                        WHERE o.agent_id = ? AND o.scope = COALESCE(w.battle_id, '') AND o.status = 'open'
                        ORDER BY o.seq, o.order_id""")
                .param(agentId).query(this::order).list();
    }

    /** The current wallet's fills, newest first; {@code symbol} null for all. */
    public List<Trade> trades(String agentId, String symbol, int limit, int offset) {
        return jdbc.sql("""
                        SELECT t.*, o.rationale FROM agent_trade t JOIN agent_wallet w ON w.agent_id = t.agent_id
                        LEFT JOIN agent_order o ON o.agent_id = t.agent_id AND o.scope = t.scope AND o.order_id = t.order_id
                        WHERE t.agent_id = ? AND t.scope = COALESCE(w.battle_id, '')
                            AND (CAST(? AS VARCHAR) IS NULL OR t.symbol = ?)
                        ORDER BY t.seq DESC, t.order_id LIMIT ? OFFSET ?""")
                .params(agentId, symbol, symbol, limit, offset)
                .query((rs, n) -> new Trade(rs.getString("order_id"), rs.getString("order_id"), battle(rs),
                        rs.getString("symbol"), rs.getString("side"), rs.getString("order_type"),
                        rs.getBigDecimal("quantity"), rs.getBigDecimal("price"), rs.getBigDecimal("slippage_pct"),
                        rs.getBigDecimal("fee"), rs.getBigDecimal("total"), rs.getBigDecimal("realized_pnl"),
                        instant(rs, "executed_at"), rs.getString("rationale")))
                .list();
    }

    private Order order(ResultSet rs, int row) throws SQLException {
        return new Order(rs.getString("order_id"), battle(rs), rs.getString("status"), rs.getString("symbol"),
                rs.getString("side"), rs.getString("order_type"), rs.getBigDecimal("quantity"), rs.getBigDecimal("price"),
                rs.getBigDecimal("trigger_price"), rs.getBigDecimal("executed_price"),
                rs.getBigDecimal("executed_quantity"), rs.getBigDecimal("slippage_pct"), rs.getBigDecimal("fee"),
                rs.getBigDecimal("total_cost"), rs.getString("reject_code"), rs.getString("reject_reason"),
                instant(rs, "created_at"), instant(rs, "filled_at"), rs.getString("rationale"));
    }

    private static String battle(ResultSet rs) throws SQLException {
        String scope = rs.getString("scope");
        return scope == null || scope.isEmpty() ? null : scope;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
