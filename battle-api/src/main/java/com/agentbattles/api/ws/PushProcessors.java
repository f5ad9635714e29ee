package com.agentbattles.api.ws;

import com.agentbattles.api.eventstore.NotifiedEventSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processor of handlers with side effects outside the database (WebSocket pushes, meters): it starts
 * at the head of the log instead of its tail, and is left out of projection rebuilds.
 * <p>
 * Its token is kept in memory, never in {@code token_entry}: every node runs its own, sees every
 * event and pushes it to the clients connected to it, so a client on one node gets the updates
 * of a battle another node decided. (A shared token would let one node alone claim the segment
 * and push to its own clients only.) Pushes never replay, so a restarted node starts at the head.
 */
@Configuration(proxyBeanMethods = false)
public class PushProcessors {

    public static final String WEBSOCKET_PUSH = "websocket-push";

    @Bean
    ConfigurerModule pushProcessorStartsAtHead(ObjectProvider<NotifiedEventSource> source) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(WEBSOCKET_PUSH, config -> new InMemoryTokenStore())
                .registerPooledStreamingEventProcessor(WEBSOCKET_PUSH,
                        config -> source.getObject(), // woken by appends, as the projections are
                        (config, builder) -> builder.initialSegmentCount(1)
                                .initialToken(StreamableMessageSource::createHeadToken)));
    }
}
