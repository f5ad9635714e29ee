package com.agentbattles.api.ws;

/** What the rest of the server uses to push battle messages to WebSocket subscribers. */
public class BattleFeed {

    public static final String UPDATE = "battle:update";
    public static final String TRADE = "battle:trade";
    public static final String STATUS = "battle:status";

    private final BattleFeedHandler handler;

    BattleFeed(BattleFeedHandler handler) {
        this.handler = handler;
    }

    public void publish(String battleId, String type, Object data) {
        handler.publish(battleId, type, data);
    }

    public int sessionCount() {
        return handler.sessionCount();
    }
}
