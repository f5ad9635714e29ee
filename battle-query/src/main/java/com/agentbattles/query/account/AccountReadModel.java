package com.agentbattles.query.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Reads of {@code account_view}. */
@Repository
public class AccountReadModel {

    private final JdbcClient jdbc;

    public AccountReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccountRow> find(String accountId) {
        return jdbc.sql("SELECT account_id, display_name, email, api_secret_hash, default_agent_id, registered_at FROM account_view WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    public record AccountRow(String accountId, String displayName, String email, String apiSecretHash,
                             String defaultAgentId, java.time.Instant registeredAt) {
    }
}
