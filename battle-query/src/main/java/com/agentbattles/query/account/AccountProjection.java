package com.agentbattles.query.account;

import com.agentbattles.domain.account.AccountMessages.AccountRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Folds account registrations into {@code account_view}. */
@Component
@ProcessingGroup(AccountProjection.NAME)
public class AccountProjection {

    public static final String NAME = "accounts";

    private final JdbcClient jdbc;

    public AccountProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountRegistered event) {
        jdbc.sql("""
                        INSERT INTO account_view (account_id, display_name, email, api_secret_hash, default_agent_id, registered_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (account_id) DO NOTHING""")
                .params(event.accountId(), event.displayName(), event.email(), event.apiSecretHash(),
                        event.defaultAgentId(), Timestamp.from(event.registeredAt()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM account_view").update();
    }
}
