package com.agentbattles.query.agent;

import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.query.support.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which key hash authenticates whom. A regenerated, archived or deleted agent's old key is
 * removed here, which is what makes it stop working.
 *
 * <p>Changes are buffered per processor batch ({@link BatchWrites}): the last change to each key
 * hash in the batch wins, then deletions and insertions go out as two JDBC batches. Keys are
 * random 256-bit values, so a hash is inserted once and deleted at most once after that.
 */
@Component
@ProcessingGroup(CredentialProjection.NAME)
public class CredentialProjection {

    public static final String NAME = "credentials";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public CredentialProjection(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @EventHandler
    void on(AgentCreated event) {
        insert(event.apiKeyHash(), event.accountId(), event.agentId());
    }

    @EventHandler
    void on(AgentKeyRegenerated event) {
        delete(event.previousKeyHash());
        insert(event.apiKeyHash(), event.accountId(), event.agentId());
    }

    @EventHandler
    void on(AgentArchived event) {
        delete(event.apiKeyHash());
    }

    @EventHandler
    void on(AgentDeleted event) {
        delete(event.apiKeyHash());
    }

    private void insert(String keyHash, String accountId, String agentId) {
        BatchWrites.record(this, Writes::new, w -> w.last.put(keyHash, new Object[]{keyHash, accountId, agentId}), this::flush);
    }

    private void delete(String keyHash) {
        BatchWrites.record(this, Writes::new, w -> w.last.put(keyHash, null), this::flush);
    }

    private void flush(Writes writes) {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        writes.last.forEach((keyHash, row) -> {
            if (row == null) {
                deletes.add(new Object[]{keyHash});
            } else {
                inserts.add(row);
            }
        });
        if (!deletes.isEmpty()) {
            batch.batchUpdate("DELETE FROM api_credential WHERE api_key_hash = ?", deletes);
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate("INSERT INTO api_credential (api_key_hash, account_id, agent_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    inserts);
        }
    }

    /** Per key hash, its last change in the batch: the row to insert, or null to delete. */
    private static final class Writes {
        final Map<String, Object[]> last = new LinkedHashMap<>();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM api_credential").update();
    }
}
