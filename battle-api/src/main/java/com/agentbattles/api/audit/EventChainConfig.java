package com.agentbattles.api.audit;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the hash chain on the event store itself, where aggregates publish. */
@Configuration(proxyBeanMethods = false)
public class EventChainConfig {

    @Bean
    EventChain eventChain(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return new EventChain(eventSerializer);
    }

    @Bean
    SmartInitializingSingleton eventChainRegistration(EventStore eventStore, EventChain eventChain) {
        return () -> eventStore.registerDispatchInterceptor(new EventChainInterceptor(eventChain, eventStore));
    }
}
