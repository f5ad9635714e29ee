package com.agentbattles.query.wallet;

import com.agentbattles.query.wallet.OwnWalletCurve.Change;
import com.agentbattles.query.wallet.OwnWalletCurve.MarketCloses;
import com.agentbattles.query.wallet.OwnWalletCurve.TimedPrice;
import com.agentbattles.query.wallet.OwnWalletCurve.Trade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link OwnWalletHistoryProjection}'s tables into an {@link OwnWalletCurve} of the current session. */
@Component
public class OwnWalletHistoryReadModel {

    private final JdbcClient jdbc;

    public OwnWalletHistoryReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Session(int sessionNo, Instant startedAt, BigDecimal startingBalance) {
    }

    /** The current session's curve; empty for an unknown agent. */
    public Optional<OwnWalletCurve> currentSession(String agentId, MarketCloses market) {
        Optional<Session> session = jdbc.sql("""
                        SELECT session_no, started_at, starting_balance FROM own_wallet_session WHERE agent_id = ?""")
                .param(agentId)
                .query((rs, n) -> new Session(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3)))
                .optional();
        if (session.isEmpty()) {
            return Optional.empty();
        }
        int sessionNo = session.get().sessionNo();
        List<Change> changes = jdbc.sql("""
                        SELECT at, holdings::text FROM own_wallet_change WHERE agent_id = ? AND session_no = ? ORDER BY seq""")
                .params(agentId, sessionNo)
                .query((rs, n) -> new Change(rs.getTimestamp(1).toInstant(), WalletJson.read(rs.getString(2))))
                .list();
        List<Trade> trades = jdbc.sql("""
                        SELECT at, realized_pnl FROM own_wallet_change
                        WHERE agent_id = ? AND session_no = ? AND fill ORDER BY seq""")
                .params(agentId, sessionNo)
                .query((rs, n) -> new Trade(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2)))
                .list();
        Map<String, List<TimedPrice>> prices = new LinkedHashMap<>();
        jdbc.sql("SELECT symbol, at, price FROM own_wallet_price WHERE agent_id = ? ORDER BY symbol, at, seq")
                .param(agentId)
                .query((rs, n) -> Map.entry(rs.getString(1), new TimedPrice(rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3))))
                .list()
                .forEach(e -> prices.computeIfAbsent(e.getKey(), s -> new java.util.ArrayList<>()).add(e.getValue()));
        return Optional.of(new OwnWalletCurve(session.get().startedAt(), session.get().startingBalance(), changes,
                trades, prices, market));
    }
}
