package com.agentbattles.domain.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Registering an account. The account's own API key is also its default agent's key; the secret
 * exists only here, as a hash.
 */
public final class AccountMessages {

    private AccountMessages() {
    }

    public record RegisterAccount(@TargetAggregateIdentifier String accountId, String displayName, String email,
                                  String apiSecretHash, String defaultAgentId, Instant registeredAt) {
    }

    @Revision("1")
    public record AccountRegistered(String accountId, String displayName, String email, String apiSecretHash,
                                    String defaultAgentId, Instant registeredAt) {
    }
}
