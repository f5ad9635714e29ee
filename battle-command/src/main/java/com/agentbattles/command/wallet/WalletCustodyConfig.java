package com.agentbattles.command.wallet;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A wallet left in a finished battle would be lost to its agent, so the custody saga's handler
 * errors go to its processor, which retries the event instead of skipping it.
 */
@Configuration(proxyBeanMethods = false)
public class WalletCustodyConfig {

    @Bean
    public ConfigurerModule walletCustodyRetries() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(WalletCustodySaga.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
