package com.agentbattles.api.battle;

import com.agentbattles.api.security.Caller;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.battle.BattleCommands.Entrant;
import com.agentbattles.domain.common.Decimals;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Who may enter a battle: an agent of the battle's owner that is not archived. Looked up in the
 * agent read model (the caller has waited for it), since the Battle aggregate cannot see agents;
 * the aggregate still re-checks the owner it is given.
 */
@Component
class BattleEntrants {

    private final QueryGateway queries;

    BattleEntrants(QueryGateway queries) {
        this.queries = queries;
    }

    Entrant entrant(Caller caller, String agentId, String field) {
        if (agentId == null || agentId.isBlank()) {
            throw Decimals.invalid(field, "is required");
        }
        AgentView agent = queries.query(new FindAgent(caller.accountId(), agentId.strip()),
                        ResponseTypes.optionalInstanceOf(AgentView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found",
                        Map.of("agent_id", agentId)));
        if (!"active".equals(agent.status())) {
            throw new DomainException(ErrorCode.AGENT_ARCHIVED,
                    "agent " + agentId + " is archived and cannot enter a battle", Map.of("agent_id", agentId));
        }
        return new Entrant(agent.agentId(), agent.accountId(), agent.name());
    }

    /** The risk profile each agent trades under, as its owner last set it. */
    Map<String, com.agentbattles.domain.agent.RiskConfig> riskProfiles(Caller caller, List<String> agentIds) {
        Map<String, com.agentbattles.domain.agent.RiskConfig> profiles = new java.util.LinkedHashMap<>();
        for (String agentId : agentIds) {
            queries.query(new FindAgent(caller.accountId(), agentId), ResponseTypes.optionalInstanceOf(AgentView.class))
                    .join()
                    .ifPresent(agent -> profiles.put(agentId, agent.riskConfig()));
        }
        return profiles;
    }

    List<Entrant> entrants(Caller caller, List<String> agentIds, String field) {
        if (agentIds.size() > 50) {
            throw Decimals.invalid(field, "names more than 50 agents");
        }
        return java.util.stream.IntStream.range(0, agentIds.size())
                .mapToObj(i -> entrant(caller, agentIds.get(i), field + "[" + i + "]"))
                .toList();
    }
}
