package com.agentbattles.api.ws;

import com.agentbattles.api.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /ws/v1} protocol of spec/README.md: clients send {@code {"action": "subscribe" |
 * "unsubscribe", "channel": "battle", "battle_id": …}}; the server pushes {@code {"channel":
 * "battle", "type": "battle:update" | "battle:trade" | "battle:status", "data": …}}. Every
 * session has a {@link SessionOutbox}, its one writer, so that a slow reader only ever hurts itself:
 * publishing only enqueues, sends are bounded in time and buffer, and a client that falls behind
 * is disconnected instead of blocking the publisher or the other clients.
 */
class BattleFeedHandler extends TextWebSocketHandler {

    static final int SEND_TIME_LIMIT_MS = 5_000;
    static final int BUFFER_SIZE_LIMIT = 1024 * 1024;

    private final ObjectMapper json;
    private final BattleAccess access;
    private final BattleSubscriptions subscriptions = new BattleSubscriptions();
    private final Map<String, SessionOutbox> sessions = new ConcurrentHashMap<>();
    /**
     * Connections that follow a battle as one of its participants (an agent's key, in a battle it
     * plays): battle id → the agent. They get their own fills only, and their own battle:step.
     * Other connections (the owner's token, or an account key watching its battle) see every fill.
     */
    private final Map<SessionOutbox, Map<String, String>> playing = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService sender;

    BattleFeedHandler(ObjectMapper json, BattleAccess access) {
        this.json = json;
        this.access = access;
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        // threads come and go with the sending: an idle node holds none, a stalled client holds one
        // for at most the send time limit (Tomcat's blocking-send timeout is set to it below)
        this.sender = java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ws-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        jakarta.websocket.Session nativeSession = session instanceof org.springframework.web.socket.adapter.NativeWebSocketSession n
                ? n.getNativeSession(jakarta.websocket.Session.class) : null;
        if (nativeSession != null) {
            nativeSession.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT",
                    (long) SEND_TIME_LIMIT_MS);
        }
        SessionOutbox outbox = new SessionOutbox(session, sender, SEND_TIME_LIMIT_MS, BUFFER_SIZE_LIMIT);
        sessions.put(session.getId(), outbox);
        send(outbox, Map.of("type", "connected", "data", Map.of("session_id", session.getId())));
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        SessionOutbox session = sessions.get(raw.getId());
        if (session == null) {
            return;
        }
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
        boolean plays = caller.method() == Caller.Method.API_KEY
                && access.takesPart(caller.accountId(), caller.agentId(), battleId);
        if (!plays && !access.isOwner(caller.accountId(), battleId)) {
            sendError(session, "BATTLE_NOT_FOUND", "battle " + battleId + " not found");
            return;
        }
        if (action.equals("subscribe")) {
            if (plays) {
                playing.computeIfAbsent(session, s -> new ConcurrentHashMap<>()).put(battleId, caller.agentId());
            }
            subscriptions.subscribe(battleId, session);
        } else {
            subscriptions.unsubscribe(battleId, session);
            Map<String, String> battles = playing.get(session);
            if (battles != null) {
                battles.remove(battleId);
            }
        }
        send(session, Map.of("type", action + "d", "channel", "battle", "data", Map.of("battle_id", battleId)));
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        // a live client: nothing else to do
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SessionOutbox outbox = sessions.remove(session.getId());
        if (outbox != null) {
            outbox.close("closed");
            subscriptions.dropSession(outbox);
            playing.remove(outbox);
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

    void publishAbout(String battleId, String agentId, String type, Object data) {
        var subscribers = subscriptions.subscribers(battleId);
        if (subscribers.isEmpty()) {
            return;
        }
        TextMessage message = text(envelope(type, data));
        subscribers.stream().filter(session -> {
            String player = playerIn(session, battleId);
            return player == null || player.equals(agentId);
        }).forEach(session -> send(session, message));
    }

    void publishToAgents(String battleId, String type, java.util.function.Function<String, Object> dataFor) {
        for (SessionOutbox session : subscriptions.subscribers(battleId)) {
            String player = playerIn(session, battleId);
            if (player != null) {
                Object data = dataFor.apply(player);
                if (data != null) {
                    send(session, text(envelope(type, data)));
                }
            }
        }
    }

    private String playerIn(SessionOutbox session, String battleId) {
        Map<String, String> battles = playing.get(session);
        return battles == null ? null : battles.get(battleId);
    }

    private static Map<String, Object> envelope(String type, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("channel", "battle");
        envelope.put("type", type);
        envelope.put("data", data);
        return envelope;
    }

    /** Pings every connected client so dead connections are found and proxies keep live ones open. */
    void heartbeat() {
        sessions.values().forEach(session -> session.send(new org.springframework.web.socket.PingMessage()));
    }

    void shutdown() {
        sender.shutdownNow();
    }

    int sessionCount() {
        return sessions.size();
    }

    private void sendError(SessionOutbox session, String code, String message) {
        send(session, Map.of("type", "error", "data", Map.of("code", code, "message", message)));
    }

    private void send(SessionOutbox session, Object payload) {
        send(session, text(payload));
    }

    private void send(SessionOutbox session, TextMessage message) {
        if (session.isOpen()) {
            session.send(message);
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
