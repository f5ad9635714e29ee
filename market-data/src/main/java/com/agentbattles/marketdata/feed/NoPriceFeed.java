package com.agentbattles.marketdata.feed;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.Map;

/** {@code battles.market.feed=none}: no prices at all, for servers that run historical battles only. */
@Component
@ConditionalOnProperty(prefix = "battles.market", name = "feed", havingValue = "none")
public class NoPriceFeed extends AbstractPriceFeed {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public FeedHealth health() {
        return new FeedHealth(true, Map.of("feed", "none"));
    }
}
