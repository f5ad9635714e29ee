package com.agentbattles.api.trading;

import com.agentbattles.api.security.Caller;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.query.account.AccountReadModel;
import com.agentbattles.query.wallet.AgentTradingProjection;
import com.agentbattles.query.wallet.AgentTradingReadModel;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Which agent a live-trading request acts for: the one whose {@code X-API-Key} was sent, or with
 * the owner's JWT the one named by {@code X-Agent-Id} (the account's default agent without it).
 * Another account's agent, or an unknown one, is {@code AGENT_NOT_FOUND} (404): others'
 * resources are invisible.
 */
@Component
public class TradingAgents {

    /** The read model behind every answer about an agent's wallets, orders and fills. */
    static final List<String> WALLET_PROJECTIONS = List.of(AgentTradingProjection.NAME);

    private final QueryGateway queries;
    private final AccountReadModel accounts;
    private final ReadModelBarrier barrier;
    private final AgentTradingReadModel trading;

    public TradingAgents(QueryGateway queries, AccountReadModel accounts, ReadModelBarrier barrier,
                         AgentTradingReadModel trading) {
        this.queries = queries;
        this.accounts = accounts;
        this.barrier = barrier;
        this.trading = trading;
    }

    /**
     * The trading agent, once the wallet read model has every event recorded so far for the agent
     * and for the live battle holding its wallet: whatever the caller did with them (orders,
     * cancels, in its wallet or its battle) is in the answer, and nobody else's writes are waited
     * for. The agent first, since it is the agent's hand-over that tells the read model which
     * battle holds the wallet.
     */
    public AgentView resolveWallet(Caller caller, String agentIdHeader) {
        AgentView agent = resolve(caller, agentIdHeader);
        barrier.awaitAggregates(WALLET_PROJECTIONS, agent.agentId());
        trading.walletBattle(agent.agentId())
                .ifPresent(battleId -> barrier.awaitAggregates(WALLET_PROJECTIONS, battleId));
        return agent;
    }

    /** The trading agent (found from the moment the request that created it has answered). */
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
