package com.agentbattles.api.agent;

import com.agentbattles.domain.agent.RiskConfig;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** Request bodies of the agent endpoints (snake_case on the wire). */
final class AgentRequests {

    private AgentRequests() {
    }

    record CreateAgentRequest(@Schema(example = "Momentum Bot v1") String name,
                              @Schema(example = "Buys 1h breakouts, sells on a 2% trailing stop") String description,
                              @Schema(implementation = String.class, format = "decimal", example = "10000.00") BigDecimal startingBalance,
                              RiskConfig riskConfig,
                              @Schema(description = "shown on other accounts' leaderboards (default false)") Boolean published) {
    }

    record UpdateAgentRequest(@Schema(example = "Momentum Bot v2") String name,
                              @Schema(example = "Tighter stops") String description,
                              RiskConfig riskConfig,
                              @Schema(description = "shown on other accounts' leaderboards; absent leaves it as it is") Boolean published) {
    }

    record CloneAgentRequest(@Schema(example = "Momentum Bot v1 (copy)") String name) {
    }

    record ResetAgentRequest(@Schema(implementation = String.class, format = "decimal", example = "5000.00") BigDecimal startingBalance) {
    }
}
