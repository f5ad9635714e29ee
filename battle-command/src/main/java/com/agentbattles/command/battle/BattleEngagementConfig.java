package com.agentbattles.command.battle;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engagement process must not skip an event on a transient failure (a lost engagement would
 * let an agent be archived mid-battle), so its handler errors go to the processor, which retries.
 * Projections keep the default of logging, since they can be rebuilt.
 */
@Configuration(proxyBeanMethods = false)
public class BattleEngagementConfig {

    @Bean
    public ConfigurerModule battleEngagementRetries() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(BattleEngagementProcess.NAME,
                        config -> PropagatingErrorHandler.instance()));
    }
}
