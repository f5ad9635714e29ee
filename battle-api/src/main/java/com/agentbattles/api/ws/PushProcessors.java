package com.agentbattles.api.ws;

import com.agentbattles.api.eventstore.NotifiedEventSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processor of handlers with side effects outside the database (WebSocket pushes, meters): it starts
 * at the head of the log instead of its tail, and is left out of projection rebuilds.
 */
@Configuration(proxyBeanMethods = false)
public class PushProcessors {

    public static final String WEBSOCKET_PUSH = "websocket-push";

    @Bean
    ConfigurerModule pushProcessorStartsAtHead(ObjectProvider<NotifiedEventSource> source) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(WEBSOCKET_PUSH,
                        config -> source.getObject(), // woken by appends, as the projections are
                        (config, builder) -> builder.initialSegmentCount(1)
                                .initialToken(StreamableMessageSource::createHeadToken)));
    }
}
