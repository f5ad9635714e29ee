package com.agentbattles.api.agent;

import com.agentbattles.api.web.Money;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.RiskConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the agent endpoints. */
final class AgentResponses {

    private AgentResponses() {
    }

    record AgentResponse(@Schema(example = "0b6e9f3d-5a21-4c8e-b7d4-2e1f9a6c3b58") String agentId,
                         @Schema(example = "Momentum Bot v1") String name,
                         String description,
                         @Schema(implementation = String.class, format = "decimal", example = "10000.00") BigDecimal startingBalance,
                         RiskConfig riskConfig,
                         @Schema(example = "active") String status,
                         @JsonProperty("is_default") boolean defaultAgent,
                         @Schema(example = "ak_live_3Jx9") String apiKeyPrefix,
                         String clonedFrom,
                         @Schema(example = "0") int resetCount,
                         Instant lastResetAt,
                         @Schema(example = "2026-01-15T09:30:00Z") Instant createdAt,
                         @Schema(example = "2026-01-15T09:30:00Z") Instant updatedAt,
                         @Schema(example = "false") boolean published) {

        static AgentResponse of(AgentView view) {
            return new AgentResponse(view.agentId(), view.name(), view.description(), money(view.startingBalance()),
                    view.riskConfig(), view.status(), view.defaultAgent(), view.apiKeyPrefix(), view.clonedFrom(),
                    view.resetCount(), view.lastResetAt(), view.createdAt(), view.updatedAt(), view.published());
        }
    }

    /** The one response that shows a key in clear: creation and cloning. */
    record CreatedAgentResponse(@Schema(example = "0b6e9f3d-5a21-4c8e-b7d4-2e1f9a6c3b58") String agentId,
                                @Schema(example = "Momentum Bot v1") String name,
                                @Schema(example = "ak_live_7Hc4Fd6Gs0Pe3Jx9QvT2mZ8kLr5Wn1Yb") String apiKey,
                                @Schema(implementation = String.class, format = "decimal", example = "10000.00") BigDecimal startingBalance,
                                RiskConfig riskConfig,
                                @Schema(example = "active") String status,
                                String clonedFrom,
                                @Schema(example = "2026-01-15T09:30:00Z") Instant createdAt,
                                @Schema(example = "false") boolean published) {
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
