package com.agentbattles.domain.agent;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An agent's trading session: what its own wallet has done since the event that last started it
 * over ({@link AgentEvents.AgentCreated} or {@link AgentEvents.AgentReset}). The session's id is
 * a name-based UUID of the agent and that event's identifier in the log, so every rebuild of a
 * read model, and every event recorded before sessions were shown, gives the same id without the
 * id having to be in the event itself.
 */
public final class AgentSessions {

    private AgentSessions() {
    }

    /** @param startingEventId the log identifier of the AgentCreated or AgentReset that starts the session */
    public static String sessionId(String agentId, String startingEventId) {
        return UUID.nameUUIDFromBytes(("agent-session:" + agentId + ":" + startingEventId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
