package com.agentbattles.query.wallet;

import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.WalletEvents.WalletDayMarked;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderCancelled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderFilled;
import com.agentbattles.domain.agent.WalletEvents.WalletOrderPlaced;
import com.agentbattles.domain.agent.WalletEvents.WalletReturned;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.WalletHoldings;
import com.agentbattles.engine.Sandbox;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The own wallet over time: every change of its holdings in the current session (from the
 * agent's creation or its last reset) and the market prices its events recorded, so that
 * {@link OwnWalletCurve} can value it at any past moment without a price from later. Folded with
 * the engine's {@link Sandbox} like {@link AgentTradingProjection}, so the holdings match the
 * aggregate's to the last digit. Rows are keyed by the event's position: a redelivered event
 * changes nothing.
 */
@Component
@ProcessingGroup(OwnWalletHistoryProjection.NAME)
public class OwnWalletHistoryProjection {

    public static final String NAME = "own-wallet-history";

    private final JdbcClient jdbc;

    public OwnWalletHistoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AgentCreated event, TrackingToken token) {
        int inserted = jdbc.sql("""
                        INSERT INTO own_wallet_session (agent_id, account_id, session_no, started_at, starting_balance)
                        VALUES (?, ?, 1, ?, ?) ON CONFLICT (agent_id) DO NOTHING""")
                .params(event.agentId(), event.accountId(), ts(event.createdAt()), event.startingBalance())
                .update();
        if (inserted > 0) {
            insertChange(event.agentId(), seq(token), 1, event.createdAt(),
                    WalletHoldings.cashOnly(event.startingBalance()), false, null);
        }
    }

    /** A reset starts a new session: the wallet is its starting balance again, the earlier history is left behind. */
    @EventHandler
    void on(AgentReset event, TrackingToken token) {
        long seq = seq(token);
        if (seen(event.agentId(), seq)) {
            return;
        }
        jdbc.sql("""
                        UPDATE own_wallet_session SET session_no = session_no + 1, started_at = ?, starting_balance = ?
                        WHERE agent_id = ?""")
                .params(ts(event.resetAt()), event.startingBalance(), event.agentId()).update();
        session(event.agentId()).ifPresent(sessionNo -> insertChange(event.agentId(), seq, sessionNo,
                event.resetAt(), WalletHoldings.cashOnly(event.startingBalance()), false, null));
    }

    @EventHandler
    void on(WalletOrderPlaced event, TrackingToken token) {
        change(event.agentId(), seq(token), event.order().createdAt(), false, null, sandbox -> {
            if (sandbox.openOrder(event.order().orderId()).isEmpty()) {
                sandbox.placed(event.order());
            }
        });
    }

    @EventHandler
    void on(WalletOrderFilled event, TrackingToken token) {
        Fill fill = event.fill();
        long seq = seq(token);
        if (change(event.agentId(), seq, fill.executedAt(), true, fill.realizedPnl(), sandbox -> sandbox.filled(fill))) {
            recordPrice(event.agentId(), seq, fill.symbol(), fill.executedAt(), fill.referencePrice());
        }
    }

    @EventHandler
    void on(WalletOrderCancelled event, TrackingToken token) {
        change(event.agentId(), seq(token), event.cancelledAt(), false, null,
                sandbox -> sandbox.cancelled(event.orderId()));
    }

    /** The quotes a day mark valued the wallet at are prices the log knows from then on. */
    @EventHandler
    void on(WalletDayMarked event, TrackingToken token) {
        for (Quote quote : event.prices()) {
            recordPrice(event.agentId(), seq(token), quote.symbol(), event.markedAt(), quote.price());
        }
    }

    /** Back from a battle: the wallet holds what the event says (as it was in fresh mode, what the battle left otherwise). */
    @EventHandler
    void on(WalletReturned event, TrackingToken token) {
        long seq = seq(token);
        if (!seen(event.agentId(), seq)) {
            session(event.agentId()).ifPresent(sessionNo ->
                    insertChange(event.agentId(), seq, sessionNo, event.at(), event.holdings(), false, null));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM own_wallet_price").update();
        jdbc.sql("DELETE FROM own_wallet_change").update();
        jdbc.sql("DELETE FROM own_wallet_session").update();
    }

    /** @return whether the change is new */
    private boolean change(String agentId, long seq, Instant at, boolean fill, BigDecimal realizedPnl,
                           Consumer<Sandbox> change) {
        if (seen(agentId, seq)) {
            return false;
        }
        Optional<Integer> sessionNo = session(agentId);
        if (sessionNo.isEmpty()) {
            return false; // an agent created before this projection existed is rebuilt by a replay
        }
        Optional<String> latest = jdbc.sql("""
                        SELECT holdings::text FROM own_wallet_change WHERE agent_id = ? ORDER BY seq DESC LIMIT 1""")
                .param(agentId).query(String.class).optional();
        if (latest.isEmpty()) {
            return false;
        }
        Sandbox sandbox = Sandbox.holding(WalletJson.read(latest.get()));
        change.accept(sandbox);
        insertChange(agentId, seq, sessionNo.get(), at, sandbox.holdings(), fill, realizedPnl);
        return true;
    }

    private void insertChange(String agentId, long seq, int sessionNo, Instant at, WalletHoldings holdings,
                              boolean fill, BigDecimal realizedPnl) {
        jdbc.sql("""
                        INSERT INTO own_wallet_change (agent_id, seq, session_no, at, holdings, fill, realized_pnl)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""")
                .params(agentId, seq, sessionNo, ts(at), WalletJson.write(holdings), fill, realizedPnl)
                .update();
    }

    private void recordPrice(String agentId, long seq, String symbol, Instant at, BigDecimal price) {
        if (price == null || at == null) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO own_wallet_price (agent_id, seq, symbol, at, price) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(agentId, seq, symbol, ts(at), price).update();
    }

    private boolean seen(String agentId, long seq) {
        return jdbc.sql("SELECT count(*) FROM own_wallet_change WHERE agent_id = ? AND seq = ?")
                .params(agentId, seq).query(Long.class).single() > 0;
    }

    private Optional<Integer> session(String agentId) {
        return jdbc.sql("SELECT session_no FROM own_wallet_session WHERE agent_id = ?")
                .param(agentId).query(Integer.class).optional();
    }

    private static long seq(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
