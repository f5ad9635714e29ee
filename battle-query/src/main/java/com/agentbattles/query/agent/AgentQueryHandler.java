package com.agentbattles.query.agent;

import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.agent.AgentQueries.ListAgents;
import com.agentbattles.domain.agent.RiskConfig;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Answers agent queries from {@code agent_view}, always scoped to the asking account. */
@Component
public class AgentQueryHandler {

    private static final String COLUMNS = """
            agent_id, account_id, name, description, starting_balance, max_order_size_pct, max_position_size_pct,
            daily_loss_limit_pct, max_open_orders, api_key_prefix, status, default_agent, cloned_from,
            reset_count, last_reset_at, created_at, updated_at, published""";

    private static final RowMapper<AgentView> ROW = (rs, n) -> new AgentView(
            rs.getString("agent_id"), rs.getString("account_id"), rs.getString("name"), rs.getString("description"),
            rs.getBigDecimal("starting_balance"),
            new RiskConfig(rs.getBigDecimal("max_order_size_pct").stripTrailingZeros(),
                    rs.getBigDecimal("max_position_size_pct").stripTrailingZeros(),
                    rs.getBigDecimal("daily_loss_limit_pct").stripTrailingZeros(), rs.getInt("max_open_orders")),
            rs.getString("api_key_prefix"), rs.getString("status"), rs.getBoolean("default_agent"),
            rs.getString("cloned_from"), rs.getInt("reset_count"), instant(rs.getTimestamp("last_reset_at")),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getBoolean("published"));

    private final JdbcClient jdbc;

    public AgentQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<AgentView> handle(FindAgent query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_view WHERE agent_id = ? AND account_id = ?")
                .params(query.agentId(), query.accountId())
                .query(ROW)
                .optional();
    }

    @QueryHandler
    public List<AgentView> handle(ListAgents query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_view WHERE account_id = ?"
                        + (query.includeArchived() ? "" : " AND status = 'active'") + " ORDER BY created_seq, agent_id")
                .param(query.accountId())
                .query(ROW)
                .list();
    }

    @QueryHandler
    public List<AgentView> handle(com.agentbattles.domain.agent.AgentQueries.ListRankableAgents query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_view WHERE status = 'active' AND (account_id = ? OR published)"
                        + " ORDER BY agent_id")
                .param(query.accountId())
                .query(ROW)
                .list();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
