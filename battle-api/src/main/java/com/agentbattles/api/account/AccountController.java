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
import com.agentbattles.query.wallet.AgentTradingReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
    private final AgentTradingReadModel trading;

    public AccountController(QueryGateway queries, AccountReadModel accounts, ReadModelBarrier barrier,
                             AgentTradingReadModel trading) {
        this.queries = queries;
        this.accounts = accounts;
        this.barrier = barrier;
        this.trading = trading;
    }

    /**
     * @param currentSession null only for an agent whose wallet read model predates sessions (until
     *                       the agent-trading projection is rebuilt)
     * @param riskProfile    the risk profile in whole percent, for clients that read it as integers
     * @param riskConfig     the same profile exactly as set (as {@code /agents} shows it)
     */
    public record AccountInfo(String accountId, String agentId, String displayName, String agentName, String status,
                              BigDecimal startingBalance, CurrentSession currentSession, RiskProfile riskProfile,
                              RiskConfig riskConfig, Instant createdAt) {
    }

    /** The session of the agent's own wallet: since its creation or its last reset. */
    public record CurrentSession(String sessionId, Instant startedAt) {
    }

    /**
     * The risk profile with every percentage rounded down to a whole number: a client that reads
     * them as integers then never believes a limit is looser than it is (25.5 % shows as 25).
     */
    public record RiskProfile(int maxOrderSizePct, int maxPositionSizePct, int dailyLossLimitPct, int maxOpenOrders) {

        static RiskProfile of(RiskConfig config) {
            return new RiskProfile(wholePercent(config.maxOrderSizePct()), wholePercent(config.maxPositionSizePct()),
                    wholePercent(config.dailyLossLimitPct()), config.maxOpenOrders());
        }

        private static int wholePercent(BigDecimal pct) {
            return pct.setScale(0, RoundingMode.FLOOR).intValueExact();
        }
    }

    @Operation(summary = "Who the credentials belong to: account, agent, balance, current session and risk profile")
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
        CurrentSession session = trading.session(agent.agentId())
                .map(current -> new CurrentSession(current.sessionId(), current.startedAt())).orElse(null);
        return new AccountInfo(account.accountId(), agent.agentId(), account.displayName(), agent.name(), agent.status(),
                Money.display(agent.startingBalance()), session, RiskProfile.of(agent.riskConfig()), agent.riskConfig(),
                agent.createdAt());
    }
}
