package com.agentbattles.api.ws;

import com.agentbattles.api.market.MarketSymbols;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.trading.TradingAgents;
import com.agentbattles.api.web.ErrorResponses;
import org.springframework.beans.factory.annotation.Value;
import java.time.Duration;
import com.agentbattles.query.agent.CredentialReadModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers {@code /ws/v1} and its heartbeat. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocket
@EnableScheduling
public class WebSocketConfig implements WebSocketConfigurer {

    private final BattleFeedHandler handler;
    private final WebSocketAuthentication authentication;
    private final JsonHandshakeHandler handshake;

    public WebSocketConfig(ObjectMapper objectMapper, BattleAccess access, JwtDecoder jwtDecoder,
                           CredentialReadModel credentials, ErrorResponses errors, MarketSymbols symbols,
                           TradingAgents agents,
                           @Value("${battles.websocket.idle-timeout:60s}") Duration idleTimeout) {
        StreamAccess streamAccess = new StreamAccess() {
            @Override
            public String knownSymbol(String symbol) {
                return symbols.known(symbol);
            }

            @Override
            public String agentFor(Caller caller, String agentId) {
                return agents.resolve(caller, agentId).agentId();
            }
        };
        this.handler = new BattleFeedHandler(objectMapper, access, streamAccess, idleTimeout);
        this.authentication = new WebSocketAuthentication(jwtDecoder, credentials, errors);
        this.handshake = new JsonHandshakeHandler(errors);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/v1").addInterceptors(authentication).setHandshakeHandler(handshake)
                .setAllowedOriginPatterns("*");
    }

    @Bean
    BattleFeed battleFeed() {
        return new BattleFeed(handler);
    }

    @Bean
    StreamFeed streamFeed() {
        return new StreamFeed(handler);
    }

    @jakarta.annotation.PreDestroy
    void stopSending() {
        handler.shutdown();
    }

    @Scheduled(fixedDelayString = "${battles.websocket.heartbeat:20s}")
    void heartbeat() {
        handler.heartbeat();
    }
}
