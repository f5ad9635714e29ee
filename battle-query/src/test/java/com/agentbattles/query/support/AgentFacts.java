package com.agentbattles.query.support;

import com.agentbattles.domain.agent.AgentEvents.AgentArchived;
import com.agentbattles.domain.agent.AgentEvents.AgentCreated;
import com.agentbattles.domain.agent.AgentEvents.AgentDeleted;
import com.agentbattles.domain.agent.AgentEvents.AgentKeyRegenerated;
import com.agentbattles.domain.agent.AgentEvents.AgentReset;
import com.agentbattles.domain.agent.AgentEvents.AgentUpdated;
import com.agentbattles.domain.agent.RiskConfig;

import java.math.BigDecimal;
import java.time.Instant;

/** Agent events as the {@code Agent} aggregate records them, for one agent of one account. */
public record AgentFacts(String agentId, String accountId) {

    public static final Instant CREATED_AT = Instant.parse("2025-03-01T10:00:00Z");

    public String keyHash() {
        return "hash-" + agentId;
    }

    public AgentCreated created(String name, String startingBalance) {
        return new AgentCreated(agentId, accountId, name, "a test agent", new BigDecimal(startingBalance),
                RiskConfig.defaults(), keyHash(), "ak_live_" + agentId, false, null, CREATED_AT);
    }

    public AgentUpdated updated(String name, RiskConfig risk, int minutesLater) {
        return new AgentUpdated(agentId, accountId, name, "renamed", risk, CREATED_AT.plusSeconds(60L * minutesLater));
    }

    public AgentKeyRegenerated keyRegenerated(String previousHash, String newHash, int minutesLater) {
        return new AgentKeyRegenerated(agentId, accountId, previousHash, newHash, "ak_live_" + newHash,
                CREATED_AT.plusSeconds(60L * minutesLater));
    }

    public AgentReset reset(String startingBalance, int minutesLater) {
        return new AgentReset(agentId, accountId, new BigDecimal(startingBalance), CREATED_AT.plusSeconds(60L * minutesLater));
    }

    public AgentArchived archived(String keyHash, int minutesLater) {
        return new AgentArchived(agentId, accountId, keyHash, CREATED_AT.plusSeconds(60L * minutesLater));
    }

    public AgentDeleted deleted(String keyHash, int minutesLater) {
        return new AgentDeleted(agentId, accountId, keyHash, CREATED_AT.plusSeconds(60L * minutesLater));
    }
}
