package com.agentbattles.api.ws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code battles_websocket_sessions}: open {@code /ws/v1} connections on this node. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WebSocketMeters {

    @Bean
    Gauge webSocketSessions(BattleFeed feed, MeterRegistry registry) {
        return Gauge.builder("battles.websocket.sessions", feed, BattleFeed::sessionCount)
                .description("Open WebSocket sessions on this node")
                .register(registry);
    }
}
