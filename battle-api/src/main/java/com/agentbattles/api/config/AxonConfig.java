package com.agentbattles.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.agentbattles.api.eventstore.AppendNotifications;
import com.agentbattles.api.eventstore.NotifiedEventSource;
import com.agentbattles.api.cluster.ProcessorSegments;
import com.agentbattles.domain.battle.BattleEvents.BattleCancelled;
import com.agentbattles.domain.battle.BattleEvents.BattleStopped;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's message handling: Jackson for every serialized message, with an ObjectMapper of its own
 * so that changes to the REST JSON style never change how stored events read; pooled streaming
 * processors with one segment each on a single node (a 2-core node gains nothing from more), several
 * shared through the token store when nodes form a ring (docs/operations.md).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    static ObjectMapper eventObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Bean
    @Primary
    @Qualifier("serializer")
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    /**
     * Aggregates stay in memory between commands, so a long battle is not replayed on every
     * step. Each node caches what it handles; commands for one aggregate must reach one node
     * (docs/operations.md describes the routing). The cache holds its entries strongly, up to
     * {@code battles.aggregate-cache.entries}, least recently used out first: a cache of weak
     * references may lose an aggregate at any collection, and the next command then loads it
     * again from its snapshot and up to 500 events.
     */
    @Bean(destroyMethod = "close")
    public CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    @Bean
    public Cache aggregateCache(CacheManager aggregateCacheManager,
            @org.springframework.beans.factory.annotation.Value("${battles.aggregate-cache.entries:4096}") long entries) {
        var aggregates = aggregateCacheManager.createCache("aggregates", CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(entries)));
        return new EhCache3Adapter((Ehcache<?, ?>) aggregates);
    }

    /**
     * Snapshots are taken on a thread of their own: taking one means re-reading up to 500 events
     * and serialising the aggregate, which must not sit inside a client's step or order request.
     * One thread keeps them in order; a snapshot that fails is only a missed optimisation.
     */
    @Bean
    public org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean aggregateSnapshotter(
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        var factory = new org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean();
        factory.setTransactionManager(transactionManager);
        factory.setExecutor(java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshotter");
            thread.setDaemon(true);
            return thread;
        }));
        return factory;
    }

    /**
     * Snapshots after every 500 events, so a running 43,200-step battle loads from a snapshot plus a
     * short tail, and once more when a battle stops or is cancelled, so a finished one loads from its
     * snapshot alone.
     */
    @Bean
    public SnapshotTriggerDefinition aggregateSnapshotTrigger(Snapshotter snapshotter) {
        return new FinalStateSnapshotTriggerDefinition(snapshotter, 500,
                payload -> payload instanceof BattleStopped || payload instanceof BattleCancelled);
    }

    /**
     * Processors stream the log through {@link NotifiedEventSource}, whose streams wake the pooled
     * coordinator on every append (a PostgreSQL notification from whichever node appended) instead
     * of its 500 ms poll; pooled processors still decode and handle on separate threads, which
     * long historical runs need to keep up (docs/benchmarks.md).
     */
    /**
     * {@code battles.events.min-read-interval}: while appends keep coming, each processor reads at
     * most this often (the first append after a quiet spell is read at once). Lower answers
     * read-your-writes faster under load; higher leaves more CPU to the requests (a client
     * stepping a historical battle request by request lost half its rate at 10 ms).
     */
    @Bean
    public NotifiedEventSource notifiedEventSource(EventStorageEngine storage, AppendNotifications notifications,
            @org.springframework.beans.factory.annotation.Value("${battles.events.min-read-interval:20ms}")
            java.time.Duration minReadInterval) {
        return new NotifiedEventSource(storage, notifications, AxonStorageConfig.READ_BATCH_SIZE, minReadInterval);
    }

    /**
     * Each aggregate's events in order within a processor whatever the number of segments
     * ({@link ProcessorSegments}: one on a single node, several shared through the token store
     * when nodes form a ring).
     */
    @Bean
    public ConfigurerModule pooledProcessorDefaults(ObjectProvider<NotifiedEventSource> source,
                                                    org.springframework.core.env.Environment environment) {
        ProcessorSegments segments = ProcessorSegments.of(environment);
        return configurer -> configurer.eventProcessing(processing -> processing
                .configureDefaultStreamableMessageSource(config -> source.getObject())
                .registerDefaultSequencingPolicy(config -> SequentialPerAggregatePolicy.instance())
                .usingPooledStreamingEventProcessors((config, builder) -> segments.applyTo(builder
                        .initialSegmentCount(segments.initialSegments())
                        .batchSize(200))));
    }
}
