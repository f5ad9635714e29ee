package com.agentbattles.query.agent;

import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.query.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Folds agent events into {@code agent_view}, the source of agent lists and the overview.
 *
 * <p>Changes are buffered per processor batch ({@link BatchWrites}): the events of one agent in a
 * batch collapse into at most one insert, one update and one delete, written as JDBC batches in
 * that order before the batch commits. The order is safe because an agent's creation is its first
 * event and its deletion its last; every other event sets columns to values it carries (the
 * latest wins) except a reset, which adds one to {@code reset_count}.
 */
@Component
@ProcessingGroup(AgentProjection.NAME)
public class AgentProjection {

    public static final String NAME = "agents";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public AgentProjection(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @EventHandler
    void on(AgentCreated event, TrackingToken token) {
        long seq = token.position().orElse(0);
        write(w -> w.inserts.add(insertArgs(event, seq)));
    }

    @EventHandler
    void on(AgentUpdated event) {
        write(w -> {
            Patch patch = w.patch(event.agentId(), event.updatedAt());
            patch.profile = event;
        });
    }

    @EventHandler
    void on(AgentKeyRegenerated event) {
        write(w -> w.patch(event.agentId(), event.regeneratedAt()).apiKeyPrefix = event.apiKeyPrefix());
    }

    @EventHandler
    void on(AgentReset event) {
        write(w -> {
            Patch patch = w.patch(event.agentId(), event.resetAt());
            patch.startingBalance = event.startingBalance();
            patch.lastResetAt = event.resetAt();
            patch.resets++;
        });
    }

    @EventHandler
    void on(AgentArchived event) {
        write(w -> w.patch(event.agentId(), event.archivedAt()).archived = true);
    }

    @EventHandler
    void on(AgentDeleted event) {
        write(w -> w.deletes.add(event.agentId()));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM agent_view").update();
    }

    private void write(Consumer<Writes> change) {
        BatchWrites.record(this, Writes::new, change, this::flush);
    }

    private static Object[] insertArgs(AgentCreated event, long seq) {
        RiskConfig risk = event.riskConfig();
        return new Object[]{event.agentId(), event.accountId(), event.name(), event.description(), event.startingBalance(),
                risk.maxOrderSizePct(), risk.maxPositionSizePct(), risk.dailyLossLimitPct(), risk.maxOpenOrders(),
                event.apiKeyPrefix(), event.defaultAgent(), event.clonedFrom(),
                Timestamp.from(event.createdAt()), Timestamp.from(event.createdAt()), seq, event.isPublished()};
    }

    private void flush(Writes writes) {
        if (!writes.inserts.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO agent_view (agent_id, account_id, name, description, starting_balance,
                        max_order_size_pct, max_position_size_pct, daily_loss_limit_pct, max_open_orders,
                        api_key_prefix, status, default_agent, cloned_from, created_at, updated_at, created_seq, published)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (agent_id) DO NOTHING""", writes.inserts);
        }
        // one statement shape per combination of changed column groups, each run as one JDBC batch
        Map<String, List<Object[]>> updates = new LinkedHashMap<>();
        writes.patches.forEach((agentId, patch) -> patch.addTo(agentId, updates));
        updates.forEach(batch::batchUpdate);
        if (!writes.deletes.isEmpty()) {
            batch.batchUpdate("DELETE FROM agent_view WHERE agent_id = ?",
                    writes.deletes.stream().map(id -> new Object[]{id}).toList());
        }
    }

    /** The changes of one batch. */
    private static final class Writes {
        final List<Object[]> inserts = new ArrayList<>();
        final Map<String, Patch> patches = new LinkedHashMap<>();
        final Set<String> deletes = new LinkedHashSet<>();

        Patch patch(String agentId, Instant at) {
            Patch patch = patches.computeIfAbsent(agentId, id -> new Patch());
            patch.updatedAt = at;
            return patch;
        }
    }

    /** What the events of one batch changed on one agent; later events override earlier ones. */
    private static final class Patch {
        AgentUpdated profile;
        String apiKeyPrefix;
        BigDecimal startingBalance;
        Instant lastResetAt;
        int resets;
        boolean archived;
        Instant updatedAt;

        void addTo(String agentId, Map<String, List<Object[]>> updates) {
            StringBuilder set = new StringBuilder();
            List<Object> args = new ArrayList<>();
            if (profile != null) {
                RiskConfig risk = profile.riskConfig();
                set.append("name = ?, description = ?, max_order_size_pct = ?, max_position_size_pct = ?, "
                        + "daily_loss_limit_pct = ?, max_open_orders = ?, ");
                args.addAll(java.util.Arrays.asList(profile.name(), profile.description(), risk.maxOrderSizePct(),
                        risk.maxPositionSizePct(), risk.dailyLossLimitPct(), risk.maxOpenOrders()));
                if (profile.published() != null) {
                    set.append("published = ?, ");
                    args.add(profile.published());
                }
            }
            if (apiKeyPrefix != null) {
                set.append("api_key_prefix = ?, ");
                args.add(apiKeyPrefix);
            }
            if (resets > 0) {
                set.append("starting_balance = ?, reset_count = reset_count + ?, last_reset_at = ?, ");
                args.addAll(List.of(startingBalance, resets, Timestamp.from(lastResetAt)));
            }
            if (archived) {
                set.append("status = 'archived', ");
            }
            set.append("updated_at = ?");
            args.add(Timestamp.from(updatedAt));
            args.add(agentId);
            updates.computeIfAbsent("UPDATE agent_view SET " + set + " WHERE agent_id = ?", sql -> new ArrayList<>())
                    .add(args.toArray());
        }
    }
}
