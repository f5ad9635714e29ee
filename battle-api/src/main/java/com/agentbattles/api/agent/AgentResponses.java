package com.agentbattles.api.agent;

import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.RiskConfig;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the agent endpoints. */
final class AgentResponses {

    private AgentResponses() {
    }

    record AgentResponse(String agentId, String name, String description, BigDecimal startingBalance,
                         RiskConfig riskConfig, String status, @JsonProperty("is_default") boolean defaultAgent,
                         String apiKeyPrefix, String clonedFrom, int resetCount, Instant lastResetAt,
                         Instant createdAt, Instant updatedAt) {

        static AgentResponse of(AgentView view) {
            return new AgentResponse(view.agentId(), view.name(), view.description(), money(view.startingBalance()),
                    view.riskConfig(), view.status(), view.defaultAgent(), view.apiKeyPrefix(), view.clonedFrom(),
                    view.resetCount(), view.lastResetAt(), view.createdAt(), view.updatedAt());
        }
    }

    /** The one response that shows a key in clear: creation and cloning. */
    record CreatedAgentResponse(String agentId, String name, String apiKey, BigDecimal startingBalance,
                                RiskConfig riskConfig, String status, String clonedFrom, Instant createdAt) {
    }

    record AgentList(List<AgentResponse> agents) {
    }

    record AgentSummary(String agentId, String name, String status, @JsonProperty("is_default") boolean defaultAgent,
                        BigDecimal startingBalance, BigDecimal equity, BigDecimal totalPnl, BigDecimal roiPct,
                        long tradeCount, Instant createdAt) {
    }

    record Overview(List<AgentSummary> agents, int totalAgents, BigDecimal totalEquity) {
    }

    record RegeneratedKey(String agentId, String apiKey, String apiKeyPrefix, Instant regeneratedAt) {
    }

    static BigDecimal money(BigDecimal value) {
        return Money.display(value);
    }
}
