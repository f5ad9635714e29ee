package com.agentbattles.api.ws;

import java.util.Collection;
import java.util.Set;

/** What the pushes use to reach the followers of the stream channels ({@link StreamChannel}). */
public class StreamFeed {

    private final BattleFeedHandler handler;

    StreamFeed(BattleFeedHandler handler) {
        this.handler = handler;
    }

    /** Sends the message to each session following any of these topics, once. */
    void publish(Collection<String> topics, Object message) {
        handler.publishStream(topics, message);
    }

    boolean followed(String topic) {
        return handler.followed(topic);
    }

    /** The topics followed now (for the periodic portfolio push). */
    Set<String> topics() {
        return handler.streamTopics();
    }
}
