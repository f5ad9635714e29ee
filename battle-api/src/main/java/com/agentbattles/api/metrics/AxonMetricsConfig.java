package com.agentbattles.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Function;

/**
 * Axon's Micrometer monitors on the command and query buses: {@code commandBus_*} and
 * {@code queryBus_*} timers and counters tagged by {@code payloadType} (handling time,
 * successes, failures, capacity).
 *
 * <p>Not on the event processors, which axon-micrometer's auto-configuration would also
 * instrument (it is switched off in application.yml): those monitors run for every event each
 * processor reads, handled or ignored, and a meter lookup per event per processor cost a
 * projection rebuild most of its throughput (docs/benchmarks.md). Processors are watched through
 * {@code battles_projection_lag_events} instead.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfig {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConfigurerModule axonBusMetrics(MeterRegistry registry) {
        GlobalMetricRegistry metrics = new GlobalMetricRegistry(registry);
        Function<Message<?>, Iterable<Tag>> byPayloadType = message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, (config, type, name) ->
                        (MessageMonitor) metrics.registerCommandBus("commandBus", byPayloadType))
                .configureMessageMonitor(QueryBus.class, (config, type, name) ->
                        (MessageMonitor) metrics.registerQueryBus("queryBus", byPayloadType));
    }
}
