package com.agentbattles.command.account;

import com.agentbattles.domain.account.AccountMessages.AccountRegistered;
import com.agentbattles.domain.account.AccountMessages.RegisterAccount;
import com.agentbattles.domain.error.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class AccountTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void registersWithTrimmedNameAndOnlyTheSecretHash() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", " Alice ", " alice@example.com ", "secret-hash", "agent-1", T0))
                .expectEvents(new AccountRegistered("acc-1", "Alice", "alice@example.com", "secret-hash", "agent-1", T0));
    }

    @Test
    void emailIsOptional() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", "Alice", "  ", "h", "agent-1", T0))
                .expectEvents(new AccountRegistered("acc-1", "Alice", null, "h", "agent-1", T0));
    }

    @Test
    void refusesMissingNameOverlongNameOrBadEmail() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", null, null, "h", "agent-1", T0))
                .expectException(DomainException.class).expectExceptionMessage("display_name is required");
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", "x".repeat(101), null, "h", "agent-1", T0))
                .expectExceptionMessage("display_name must be at most 100 characters");
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount("acc-1", "Alice", "alice-at-example", "h", "agent-1", T0))
                .expectExceptionMessage("email is not an email address");
    }
}
