package com.agentbattles.query.agent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** The hot path of API-key authentication: one primary-key lookup per request. */
@Repository
public class CredentialReadModel {

    private final JdbcClient jdbc;

    public CredentialReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Credential> findByKeyHash(String apiKeyHash) {
        return jdbc.sql("SELECT account_id, agent_id FROM api_credential WHERE api_key_hash = ?")
                .param(apiKeyHash)
                .query((rs, n) -> new Credential(rs.getString(1), rs.getString(2)))
                .optional();
    }

    public record Credential(String accountId, String agentId) {
    }
}
