package com.agentbattles.marketdata.feed;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Shows the running feed as the {@code priceFeed} component of /actuator/health. */
@Component("priceFeed")
public class PriceFeedHealthIndicator implements HealthIndicator {

    private final PriceFeed feed;

    public PriceFeedHealthIndicator(PriceFeed feed) {
        this.feed = feed;
    }

    @Override
    public Health health() {
        FeedHealth h = feed.health();
        return (h.up() ? Health.up() : Health.down()).withDetail("feed", feed.name()).withDetails(h.details()).build();
    }
}
