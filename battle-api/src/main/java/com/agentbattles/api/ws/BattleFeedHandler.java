package com.agentbattles.api.ws;

import com.agentbattles.api.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /ws/v1} protocol of spec/README.md: clients send {@code {"action": "subscribe" |
 * "unsubscribe", "channel": "battle", "battle_id": …}}; the server pushes {@code {"channel":
 * "battle", "type": "battle:update" | "battle:trade" | "battle:status", "data": …}}. Every
 * session is wrapped so that a slow reader only ever hurts itself: sends are bounded in time and
 * buffer, and a client that falls behind is disconnected instead of blocking the publisher.
 */
class BattleFeedHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(BattleFeedHandler.class);
    static final int SEND_TIME_LIMIT_MS = 5_000;
    static final int BUFFER_SIZE_LIMIT = 1024 * 1024;

    private final ObjectMapper json;
    private final BattleAccess access;
    private final BattleSubscriptions subscriptions = new BattleSubscriptions();
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

    BattleFeedHandler(ObjectMapper json, BattleAccess access) {
        this.json = json;
        this.access = access;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession guarded = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_SIZE_LIMIT,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        sessions.put(session.getId(), guarded);
        send(guarded, Map.of("type", "connected", "data", Map.of("session_id", session.getId())));
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        WebSocketSession session = sessions.get(raw.getId());
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (IOException e) {
            sendError(session, "VALIDATION_ERROR", "messages must be JSON objects");
            return;
        }
        String action = request.path("action").asText();
        String channel = request.path("channel").asText();
        String battleId = request.path("battle_id").asText();
        if (action.equals("ping")) {
            send(session, Map.of("type", "pong"));
            return;
        }
        if (!action.equals("subscribe") && !action.equals("unsubscribe")) {
            sendError(session, "VALIDATION_ERROR", "action must be subscribe, unsubscribe or ping");
            return;
        }
        if (!channel.equals("battle")) {
            sendError(session, "VALIDATION_ERROR", "channel must be battle");
            return;
        }
        if (battleId.isBlank()) {
            sendError(session, "VALIDATION_ERROR", "battle_id is required");
            return;
        }
        Caller caller = (Caller) raw.getAttributes().get(WebSocketAuthentication.CALLER);
        if (!access.isOwner(caller.accountId(), battleId)) {
            sendError(session, "BATTLE_NOT_FOUND", "battle " + battleId + " not found");
            return;
        }
        if (action.equals("subscribe")) {
            subscriptions.subscribe(battleId, session);
        } else {
            subscriptions.unsubscribe(battleId, session);
        }
        send(session, Map.of("type", action + "d", "channel", "battle", "data", Map.of("battle_id", battleId)));
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        // a live client: nothing else to do
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        WebSocketSession guarded = sessions.remove(session.getId());
        if (guarded != null) {
            subscriptions.dropSession(guarded);
        }
    }

    /** Pushes one message to every subscriber of a battle; never blocks on a slow client. */
    void publish(String battleId, String type, Object data) {
        var subscribers = subscriptions.subscribers(battleId);
        if (subscribers.isEmpty()) {
            return;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("channel", "battle");
        envelope.put("type", type);
        envelope.put("data", data);
        TextMessage message = text(envelope);
        subscribers.forEach(session -> send(session, message));
    }

    /** Pings every connected client so dead connections are found and proxies keep live ones open. */
    void heartbeat() {
        sessions.values().forEach(session -> {
            try {
                session.sendMessage(new org.springframework.web.socket.PingMessage());
            } catch (IOException | IllegalStateException e) {
                close(session);
            }
        });
    }

    int sessionCount() {
        return sessions.size();
    }

    private void sendError(WebSocketSession session, String code, String message) {
        send(session, Map.of("type", "error", "data", Map.of("code", code, "message", message)));
    }

    private void send(WebSocketSession session, Object payload) {
        send(session, text(payload));
    }

    private void send(WebSocketSession session, TextMessage message) {
        try {
            if (session.isOpen()) {
                session.sendMessage(message);
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping WebSocket session {}: {}", session.getId(), e.getMessage());
            close(session);
        }
    }

    private void close(WebSocketSession session) {
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException ignored) {
            // already gone
        }
    }

    private TextMessage text(Object payload) {
        try {
            return new TextMessage(json.writeValueAsString(payload));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a WebSocket message", e);
        }
    }
}
