package com.agentbattles.api.agent;

import com.agentbattles.domain.agent.RiskConfig;

import java.math.BigDecimal;

/** Request bodies of the agent endpoints (snake_case on the wire). */
final class AgentRequests {

    private AgentRequests() {
    }

    record CreateAgentRequest(String name, String description, BigDecimal startingBalance, RiskConfig riskConfig) {
    }

    record UpdateAgentRequest(String name, String description, RiskConfig riskConfig) {
    }

    record CloneAgentRequest(String name) {
    }

    record ResetAgentRequest(BigDecimal startingBalance) {
    }
}
