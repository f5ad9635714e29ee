package com.agentbattles.query.agent;

import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Folds agent events into {@code agent_view}, the source of agent lists and the overview. */
@Component
@ProcessingGroup(AgentProjection.NAME)
public class AgentProjection {

    public static final String NAME = "agents";

    private final JdbcClient jdbc;

    public AgentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AgentCreated event, TrackingToken token) {
        RiskConfig risk = event.riskConfig();
        jdbc.sql("""
                        INSERT INTO agent_view (agent_id, account_id, name, description, starting_balance,
                            max_order_size_pct, max_position_size_pct, daily_loss_limit_pct, max_open_orders,
                            api_key_prefix, status, default_agent, cloned_from, created_at, updated_at, created_seq)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)
                        ON CONFLICT (agent_id) DO NOTHING""")
                .params(event.agentId(), event.accountId(), event.name(), event.description(), event.startingBalance(),
                        risk.maxOrderSizePct(), risk.maxPositionSizePct(), risk.dailyLossLimitPct(), risk.maxOpenOrders(),
                        event.apiKeyPrefix(), event.defaultAgent(), event.clonedFrom(),
                        Timestamp.from(event.createdAt()), Timestamp.from(event.createdAt()),
                        token.position().orElse(0))
                .update();
    }

    @EventHandler
    void on(AgentUpdated event) {
        RiskConfig risk = event.riskConfig();
        jdbc.sql("""
                        UPDATE agent_view SET name = ?, description = ?, max_order_size_pct = ?, max_position_size_pct = ?,
                            daily_loss_limit_pct = ?, max_open_orders = ?, updated_at = ?
                        WHERE agent_id = ?""")
                .params(event.name(), event.description(), risk.maxOrderSizePct(), risk.maxPositionSizePct(),
                        risk.dailyLossLimitPct(), risk.maxOpenOrders(), Timestamp.from(event.updatedAt()), event.agentId())
                .update();
    }

    @EventHandler
    void on(AgentKeyRegenerated event) {
        jdbc.sql("UPDATE agent_view SET api_key_prefix = ?, updated_at = ? WHERE agent_id = ?")
                .params(event.apiKeyPrefix(), Timestamp.from(event.regeneratedAt()), event.agentId())
                .update();
    }

    @EventHandler
    void on(AgentReset event) {
        jdbc.sql("""
                        UPDATE agent_view SET starting_balance = ?, reset_count = reset_count + 1, last_reset_at = ?, updated_at = ?
                        WHERE agent_id = ?""")
                .params(event.startingBalance(), Timestamp.from(event.resetAt()), Timestamp.from(event.resetAt()), event.agentId())
                .update();
    }

    @EventHandler
    void on(AgentArchived event) {
        jdbc.sql("UPDATE agent_view SET status = 'archived', updated_at = ? WHERE agent_id = ?")
                .params(Timestamp.from(event.archivedAt()), event.agentId())
                .update();
    }

    @EventHandler
    void on(AgentDeleted event) {
        jdbc.sql("DELETE FROM agent_view WHERE agent_id = ?").param(event.agentId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM agent_view").update();
    }
}
