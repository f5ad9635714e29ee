package com.agentbattles.api.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link RefusalKeepsAggregate} on the command bus of a single node (a ring keeps Axon's default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.distributed.enabled", havingValue = "false", matchIfMissing = true)
public class RefusalConfig {

    @Bean
    SmartInitializingSingleton refusalKeepsAggregate(@Qualifier("localSegment") CommandBus localSegment) {
        return () -> {
            if (localSegment instanceof SimpleCommandBus bus) {
                bus.setRollbackConfiguration(new RefusalKeepsAggregate());
            }
        };
    }
}
