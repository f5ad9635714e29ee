package com.agentbattles.api.ws;

import com.agentbattles.api.security.Caller;
import com.agentbattles.domain.error.DomainException;
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
 * "battle", "type": "battle:update" | "battle:trade" | "battle:status", "data": …}}. The same
 * connection serves the agentexchange SDK's channels ({@link StreamChannel}: tickers, candles, the
 * agent's orders and portfolio), whose messages are flat {@code {"type", "channel", fields…}}, and
 * a heartbeat: {@code {"type": "ping"}} (with a WebSocket ping frame) that clients answer with
 * {@code {"type": "pong"}}; a client silent for the idle time-out is disconnected. Every
 * session has a {@link SessionOutbox}, its one writer, so that a slow reader only ever hurts itself:
 * publishing only enqueues, sends are bounded in time and buffer, and a client that falls behind
 * is disconnected instead of blocking the publisher or the other clients.
 */
class BattleFeedHandler extends TextWebSocketHandler {

    static final int SEND_TIME_LIMIT_MS = 5_000;
    static final int BUFFER_SIZE_LIMIT = 1024 * 1024;

    private final ObjectMapper json;
    private final BattleAccess access;
    private final Subscriptions subscriptions = new Subscriptions();
    /** Followers of the stream channels, by {@link StreamChannel#topic}. */
    private final Subscriptions streams = new Subscriptions();
    private final StreamAccess streamAccess;
    private final java.time.Duration idleTimeout;
    private final Map<String, SessionOutbox> sessions = new ConcurrentHashMap<>();
    /**
     * Connections that follow a battle as one of its participants (an agent's key, in a battle it
     * plays): battle id → the agent. They get their own fills only, and their own battle:step.
     * Other connections (the owner's token, or an account key watching its battle) see every fill.
     */
    private final Map<SessionOutbox, Map<String, String>> playing = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService sender;

    BattleFeedHandler(ObjectMapper json, BattleAccess access, StreamAccess streamAccess, java.time.Duration idleTimeout) {
        this.json = json;
        this.access = access;
        this.streamAccess = streamAccess;
        this.idleTimeout = idleTimeout;
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
        session.heard();
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
        if (action.equals("pong") || (action.isEmpty() && request.path("type").asText().equals("pong"))) {
            return; // the answer to our ping: heard above
        }
        if (!action.equals("subscribe") && !action.equals("unsubscribe")) {
            sendError(session, "VALIDATION_ERROR", "action must be subscribe, unsubscribe or ping");
            return;
        }
        if (!channel.equals("battle")) {
            Caller caller = (Caller) raw.getAttributes().get(WebSocketAuthentication.CALLER);
            handleStream(session, caller, action, channel, request);
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

    /** A subscription to one of the SDK's channels; the confirmation carries no {@code channel}, which the SDK would route to handlers. */
    private void handleStream(SessionOutbox session, Caller caller, String action, String name, JsonNode request) {
        StreamChannel channel;
        try {
            channel = StreamChannel.parse(name).orElse(null);
        } catch (IllegalArgumentException e) {
            sendError(session, "VALIDATION_ERROR", e.getMessage());
            return;
        }
        if (channel == null) {
            sendError(session, "VALIDATION_ERROR", "channel must be " + StreamChannel.VALID);
            return;
        }
        String agentId = null;
        try {
            if (channel instanceof StreamChannel.Ticker ticker && ticker.symbol() != null) {
                streamAccess.knownSymbol(ticker.symbol());
            } else if (channel instanceof StreamChannel.Candles candles) {
                streamAccess.knownSymbol(candles.symbol());
            } else if (channel.ofAnAgent()) {
                String named = request.path("agent_id").asText("");
                agentId = streamAccess.agentFor(caller, named.isBlank() ? null : named.strip());
            }
        } catch (DomainException e) {
            sendError(session, e.code().name(), e.getMessage());
            return;
        }
        String topic = channel.topic(agentId);
        if (action.equals("subscribe")) {
            streams.subscribe(topic, session);
        } else {
            streams.unsubscribe(topic, session);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", channel.name());
        if (agentId != null) {
            data.put("agent_id", agentId);
        }
        send(session, Map.of("type", action + "d", "data", data));
    }

    @Override
    protected void handlePongMessage(WebSocketSession raw, PongMessage message) {
        SessionOutbox session = sessions.get(raw.getId());
        if (session != null) {
            session.heard();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SessionOutbox outbox = sessions.remove(session.getId());
        if (outbox != null) {
            outbox.close("closed");
            subscriptions.dropSession(outbox);
            streams.dropSession(outbox);
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

    /**
     * Pings every connected client so dead connections are found and proxies keep live ones open:
     * a WebSocket ping frame (answered by every client library by itself) and {@code {"type":
     * "ping"}} for clients that answer in JSON. One that has said nothing, not even a pong, for
     * the idle time-out is disconnected.
     */
    void heartbeat() {
        TextMessage ping = text(Map.of("type", "ping"));
        sessions.values().forEach(session -> {
            if (session.silence().compareTo(idleTimeout) > 0) {
                session.close("silent for more than " + idleTimeout);
                return;
            }
            session.send(new org.springframework.web.socket.PingMessage());
            send(session, ping);
        });
    }

    /** Pushes a stream message to every session following any of the topics, once each. */
    void publishStream(java.util.Collection<String> topics, Object message) {
        java.util.Set<SessionOutbox> targets = new java.util.HashSet<>();
        for (String topic : topics) {
            targets.addAll(streams.subscribers(topic));
        }
        if (targets.isEmpty()) {
            return;
        }
        TextMessage text = text(message);
        targets.forEach(session -> send(session, text));
    }

    boolean followed(String topic) {
        return !streams.subscribers(topic).isEmpty();
    }

    java.util.Set<String> streamTopics() {
        return streams.topics();
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
