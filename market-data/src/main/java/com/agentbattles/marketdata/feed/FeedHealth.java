package com.agentbattles.marketdata.feed;

import java.util.Map;

/** Whether a feed is delivering prices, with details for /actuator/health. */
public record FeedHealth(boolean up, Map<String, Object> details) {

    public FeedHealth {
        details = Map.copyOf(details);
    }
}
