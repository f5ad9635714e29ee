package com.agentbattles.api.auth;

import com.agentbattles.api.security.ApiKeys;
import com.agentbattles.domain.account.AccountMessages.RegisterAccount;
import com.agentbattles.domain.agent.AgentCommands.CreateAgent;
import com.agentbattles.domain.agent.RiskConfig;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Registers an account together with its default agent, in one database transaction: either
 * both exist or neither does. The account's API key is its default agent's key.
 */
@Service
public class RegistrationService {

    public static final BigDecimal DEFAULT_STARTING_BALANCE = new BigDecimal("10000.00");

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public RegistrationService(CommandGateway commands, TransactionTemplate transaction, Clock clock) {
        this.commands = commands;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Registration register(String displayName, String email) {
        String accountId = UUID.randomUUID().toString();
        String agentId = UUID.randomUUID().toString();
        String apiKey = ApiKeys.newApiKey();
        String apiSecret = ApiKeys.newApiSecret();
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new RegisterAccount(accountId, displayName, email, ApiKeys.hash(apiSecret), agentId, now));
            commands.sendAndWait(new CreateAgent(agentId, accountId, defaultAgentName(displayName), null,
                    DEFAULT_STARTING_BALANCE, RiskConfig.defaults(), ApiKeys.hash(apiKey), ApiKeys.displayPrefix(apiKey),
                    true, null, now));
        });
        return new Registration(accountId, agentId, apiKey, apiSecret);
    }

    private static String defaultAgentName(String displayName) {
        String base = displayName == null ? "" : displayName.strip();
        String name = base + " (default agent)";
        return name.length() <= 100 ? name : name.substring(0, 100);
    }

    public record Registration(String accountId, String defaultAgentId, String apiKey, String apiSecret) {
    }
}
