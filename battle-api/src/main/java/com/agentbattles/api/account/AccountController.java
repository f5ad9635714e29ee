package com.agentbattles.api.account;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.account.AccountReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code /account/…} as an agent sees it: with its X-API-Key, or with the owner's JWT plus
 * {@code X-Agent-Id}; without either, the account's default agent.
 */
@RestController
@Tag(name = "Account", description = "The calling agent's account")
@RequestMapping("/api/v1/account")
public class AccountController {

    private final QueryGateway queries;
    private final AccountReadModel accounts;
    private final ReadModelBarrier barrier;

    public AccountController(QueryGateway queries, AccountReadModel accounts, ReadModelBarrier barrier) {
        this.queries = queries;
        this.accounts = accounts;
        this.barrier = barrier;
    }

    public record AccountInfo(String accountId, String agentId, String displayName, String agentName, String status,
                              BigDecimal startingBalance, RiskConfig riskProfile, Instant createdAt) {
    }

    @Operation(summary = "Who the credentials belong to: account, agent, balance and risk profile")
    @GetMapping("/info")
    public AccountInfo info(Caller caller, @RequestHeader(name = "X-Agent-Id", required = false) String agentIdHeader) {
        barrier.awaitProjections();
        String agentId = caller.agentId() != null ? caller.agentId() : agentIdHeader;
        var account = accounts.find(caller.accountId())
                .orElseThrow(() -> new DomainException(ErrorCode.ACCOUNT_NOT_FOUND, "account not found"));
        if (agentId == null) {
            agentId = account.defaultAgentId();
        }
        AgentView agent = queries.query(new FindAgent(caller.accountId(), agentId), ResponseTypes.optionalInstanceOf(AgentView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent not found"));
        return new AccountInfo(account.accountId(), agent.agentId(), account.displayName(), agent.name(), agent.status(),
                Money.display(agent.startingBalance()), agent.riskConfig(), agent.createdAt());
    }
}
