package com.agentbattles.api.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which WebSocket sessions follow which topic: a battle (by its id) or a stream channel
 * ({@link StreamChannel#topic}).
 */
class Subscriptions {

    private final Map<String, Set<SessionOutbox>> byTopic = new ConcurrentHashMap<>();

    void subscribe(String topic, SessionOutbox session) {
        byTopic.computeIfAbsent(topic, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unsubscribe(String topic, SessionOutbox session) {
        byTopic.computeIfPresent(topic, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    void dropSession(SessionOutbox session) {
        byTopic.keySet().forEach(topic -> unsubscribe(topic, session));
    }

    Set<SessionOutbox> subscribers(String topic) {
        return byTopic.getOrDefault(topic, Set.of());
    }

    /** The topics somebody follows now. */
    Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }
}
