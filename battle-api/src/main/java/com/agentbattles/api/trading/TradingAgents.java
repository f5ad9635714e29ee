package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.account.AccountReadModel;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Which agent a live-trading request acts for: the one whose {@code X-API-Key} was sent, or with
 * the owner's JWT the one named by {@code X-Agent-Id} (the account's default agent without it).
 * Another account's agent, or an unknown one, is {@code AGENT_NOT_FOUND} (404): others'
 * resources are invisible.
 */
@Component
public class TradingAgents {

    private final QueryGateway queries;
    private final AccountReadModel accounts;

    public TradingAgents(QueryGateway queries, AccountReadModel accounts) {
        this.queries = queries;
        this.accounts = accounts;
    }

    /** The trading agent; call after the read-model barrier so that a new agent is found. */
    public AgentView resolve(Caller caller, String agentIdHeader) {
        String agentId;
        if (caller.method() == Caller.Method.API_KEY) {
            if (agentIdHeader != null && !agentIdHeader.isBlank() && !agentIdHeader.strip().equals(caller.agentId())) {
                throw new DomainException(ErrorCode.PERMISSION_DENIED, "an agent key trades only for its own agent",
                        Map.of("agent_id", agentIdHeader.strip()));
            }
            agentId = caller.agentId();
        } else if (agentIdHeader != null && !agentIdHeader.isBlank()) {
            agentId = agentIdHeader.strip();
        } else {
            agentId = accounts.find(caller.accountId()).map(AccountReadModel.AccountRow::defaultAgentId)
                    .orElseThrow(() -> new DomainException(ErrorCode.ACCOUNT_NOT_FOUND, "account not found"));
        }
        String id = agentId;
        return queries.query(new FindAgent(caller.accountId(), id), ResponseTypes.optionalInstanceOf(AgentView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + id + " not found",
                        Map.of("agent_id", id)));
    }
}
