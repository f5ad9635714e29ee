package com.agentbattles.command.account;

import com.agentbattles.domain.account.AccountMessages.AccountRegistered;
import com.agentbattles.domain.account.AccountMessages.RegisterAccount;
import com.agentbattles.domain.common.Decimals;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A user of the platform: owns agents and battles, logs in with its key and secret. */
@Aggregate
public class Account {

    static final int MAX_DISPLAY_NAME = 100;

    @AggregateIdentifier
    private String accountId;

    protected Account() {
        // for Axon
    }

    @CommandHandler
    public Account(RegisterAccount command) {
        String displayName = command.displayName() == null ? "" : command.displayName().strip();
        if (displayName.isEmpty()) {
            throw Decimals.invalid("display_name", "is required");
        }
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw Decimals.invalid("display_name", "must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        String email = command.email() == null || command.email().isBlank() ? null : command.email().strip();
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Decimals.invalid("email", "is not an email address");
        }
        apply(new AccountRegistered(command.accountId(), displayName, email, command.apiSecretHash(),
                command.defaultAgentId(), command.registeredAt()));
    }

    @EventSourcingHandler
    void on(AccountRegistered event) {
        this.accountId = event.accountId();
    }
}
