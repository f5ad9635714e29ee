package com.agentbattles.api.metrics;

import com.agentbattles.marketdata.feed.PriceFeed;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code battles_price_feed_up{feed}}: 1 while the running price feed delivers prices (the same
 * judgement as its /actuator/health component: connected and not silent for too long), else 0.
 * {@code battles_price_feed_symbols{feed}}: how many symbols it follows.
 */
@Configuration(proxyBeanMethods = false)
public class FeedMeters {

    @Bean
    Gauge priceFeedUp(PriceFeed feed, MeterRegistry registry) {
        Gauge.builder("battles.price.feed.symbols", feed, f -> f.trackedSymbols().size())
                .description("Symbols the price feed follows")
                .tag("feed", feed.name())
                .register(registry);
        return Gauge.builder("battles.price.feed.up", feed, f -> f.health().up() ? 1 : 0)
                .description("1 when the price feed is delivering prices, 0 when it is not")
                .tag("feed", feed.name())
                .register(registry);
    }
}
