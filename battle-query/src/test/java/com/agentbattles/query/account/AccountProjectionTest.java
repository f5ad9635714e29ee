package com.agentbattles.query.account;

import com.agentbattles.domain.account.AccountMessages.AccountRegistered;
import com.agentbattles.query.support.ProjectionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccountProjectionTest {

    private static final Instant REGISTERED = Instant.parse("2025-03-01T09:30:00Z");

    private final ProjectionFixture fixture = ProjectionFixture.of(new AccountProjection(ProjectionFixture.jdbc()));
    private final AccountReadModel accounts = new AccountReadModel(ProjectionFixture.jdbc());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRegistrationBecomesTheAccountRow() {
        fixture.given(new AccountRegistered("acc-1", "Alice", "alice@example.com", "secret-hash", "agent-1", REGISTERED));

        assertThat(accounts.find("acc-1")).contains(
                new AccountReadModel.AccountRow("acc-1", "Alice", "alice@example.com", "secret-hash", "agent-1", REGISTERED));
        assertThat(accounts.find("acc-2")).isEmpty();
    }

    @Test
    void aRedeliveredRegistrationKeepsTheFirstRow() {
        fixture.given(new AccountRegistered("acc-1", "Alice", null, "secret-hash", "agent-1", REGISTERED),
                new AccountRegistered("acc-1", "Mallory", null, "other-hash", "agent-9", REGISTERED.plusSeconds(5)));

        assertThat(accounts.find("acc-1")).hasValueSatisfying(row -> {
            assertThat(row.displayName()).isEqualTo("Alice");
            assertThat(row.email()).isNull();
            assertThat(row.apiSecretHash()).isEqualTo("secret-hash");
        });
        assertThat(fixture.count("account_view")).isEqualTo(1);
    }

    @Test
    void theResetHandlerEmptiesTheTableAndAReplayGivesTheSameRows() {
        fixture.given(new AccountRegistered("acc-1", "Alice", "alice@example.com", "h1", "agent-1", REGISTERED),
                new AccountRegistered("acc-2", "Bob", null, "h2", "agent-2", REGISTERED.plusSeconds(60)));
        assertThat(fixture.processors()).containsExactly(AccountProjection.NAME);

        fixture.reset();
        assertThat(fixture.count("account_view")).isZero();

        fixture.replay();
        assertThat(fixture.count("account_view")).isEqualTo(2);
        fixture.assertReplayReproducesEveryRow();
    }
}
