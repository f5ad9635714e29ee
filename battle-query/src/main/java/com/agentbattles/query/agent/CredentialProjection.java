package com.agentbattles.query.agent;

import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which key hash authenticates whom. A regenerated, archived or deleted agent's old key is
 * removed here, which is what makes it stop working.
 */
@Component
@ProcessingGroup(CredentialProjection.NAME)
public class CredentialProjection {

    public static final String NAME = "credentials";

    private final JdbcClient jdbc;

    public CredentialProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        jdbc.sql("INSERT INTO api_credential (api_key_hash, account_id, agent_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(keyHash, accountId, agentId)
                .update();
    }

    private void delete(String keyHash) {
        jdbc.sql("DELETE FROM api_credential WHERE api_key_hash = ?").param(keyHash).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM api_credential").update();
    }
}
