package com.agentbattles.api.ws;

/** What the rest of the server uses to push battle messages to WebSocket subscribers. */
public class BattleFeed {

    public static final String UPDATE = "battle:update";
    public static final String TRADE = "battle:trade";
    public static final String STATUS = "battle:status";
    /** To an agent's own connection: the step that opened, with its own portfolio. */
    public static final String STEP = "battle:step";

    private final BattleFeedHandler handler;

    BattleFeed(BattleFeedHandler handler) {
        this.handler = handler;
    }

    public void publish(String battleId, String type, Object data) {
        handler.publish(battleId, type, data);
    }

    /**
     * A message about one participant: the owner's connections get it, and of the connections made
     * with an agent's key only that agent's (an agent does not see another's fills).
     */
    public void publishAbout(String battleId, String agentId, String type, Object data) {
        handler.publishAbout(battleId, agentId, type, data);
    }

    /** A message each subscribed agent gets in its own version ({@code dataFor} null: that agent gets none). */
    public void publishToAgents(String battleId, String type, java.util.function.Function<String, Object> dataFor) {
        handler.publishToAgents(battleId, type, dataFor);
    }

    public int sessionCount() {
        return handler.sessionCount();
    }
}
