package com.agentbattles.api.ws;

import org.springframework.web.socket.WebSocketSession;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which WebSocket sessions follow which battle. */
class BattleSubscriptions {

    private final Map<String, Set<WebSocketSession>> byBattle = new ConcurrentHashMap<>();

    void subscribe(String battleId, WebSocketSession session) {
        byBattle.computeIfAbsent(battleId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unsubscribe(String battleId, WebSocketSession session) {
        byBattle.computeIfPresent(battleId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    void dropSession(WebSocketSession session) {
        byBattle.keySet().forEach(battleId -> unsubscribe(battleId, session));
    }

    Set<WebSocketSession> subscribers(String battleId) {
        return byBattle.getOrDefault(battleId, Set.of());
    }
}
