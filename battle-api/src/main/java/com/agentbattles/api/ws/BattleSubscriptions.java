package com.agentbattles.api.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which WebSocket sessions follow which battle. */
class BattleSubscriptions {

    private final Map<String, Set<SessionOutbox>> byBattle = new ConcurrentHashMap<>();

    void subscribe(String battleId, SessionOutbox session) {
        byBattle.computeIfAbsent(battleId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unsubscribe(String battleId, SessionOutbox session) {
        byBattle.computeIfPresent(battleId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    void dropSession(SessionOutbox session) {
        byBattle.keySet().forEach(battleId -> unsubscribe(battleId, session));
    }

    Set<SessionOutbox> subscribers(String battleId) {
        return byBattle.getOrDefault(battleId, Set.of());
    }
}
