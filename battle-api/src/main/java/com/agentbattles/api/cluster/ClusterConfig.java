package com.agentbattles.api.cluster;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnectorFactoryBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;

/**
 * What a node of a ring needs beside Axon's {@code DistributedCommandBus} (which the JGroups
 * extension's auto-configuration builds once {@link ClusterEnvironment} turned it on): refusals
 * that reach the dispatching node as the exceptions they were, and a retry of a command that met
 * a stale cached aggregate. A node caches the aggregates the consistent hash sends it; when the
 * ring changes, another node may have moved one of them on meanwhile, so the first command that
 * reaches the old owner again fails its append (a concurrency conflict, which evicts the cached
 * copy and commits nothing) and is sent once more. Nothing here exists on a single node.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.distributed.enabled", havingValue = "true")
public class ClusterConfig {

    /** A few quick retries: a stale cache costs one conflict, a ring that changes twice two. */
    private static final int RETRIES = 3;
    private static final int RETRY_INTERVAL_MS = 50;

    /**
     * Each node's name in the ring ({@code battles.cluster.node-name}, default host:bind-port).
     * JGroups would name a channel after the host alone, and two nodes of one machine would then
     * be one member of the consistent hash.
     */
    @Bean
    static BeanPostProcessor ringNodeName(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof JGroupsConnectorFactoryBean connector) {
                    connector.setChannelName(nodeName(environment));
                }
                return bean;
            }
        };
    }

    static String nodeName(Environment environment) {
        String configured = environment.getProperty("battles.cluster.node-name", "");
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + ":" + environment.getProperty("battles.cluster.bind-port", "7800");
    }

    @Bean
    public CommandRing commandRing() {
        return new CommandRing();
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, @Qualifier("localSegment") CommandBus localSegment) {
        localSegment.registerHandlerInterceptor(new RemoteFailureInterceptor());
        return DefaultCommandGateway.builder()
                .commandBus(new RemoteFailureRestoringCommandBus(commandBus))
                .retryScheduler(staleAggregateRetry())
                .build();
    }

    private static RetryScheduler staleAggregateRetry() {
        return IntervalRetryScheduler.builder()
                .retryExecutor(Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "command-retry");
                    thread.setDaemon(true);
                    return thread;
                }))
                .retryInterval(RETRY_INTERVAL_MS)
                .maxRetryCount(RETRIES)
                // only a conflict committed nothing for certain; any other failure is the client's answer
                .nonTransientFailurePredicate(failure -> !(failure instanceof ConcurrencyException))
                .build();
    }
}
