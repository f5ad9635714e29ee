package com.agentbattles.api.config;

import org.axonframework.common.caching.Cache;
import org.ehcache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate cache the server runs with: an agent trading steadily keeps its wallet in memory
 * through garbage collections (a cache of weak references lost it at each one, and the next order
 * reloaded it from the snapshot and the tail), and the cache stays within its configured entries.
 */
class AggregateCacheTest {

    private final AxonConfig config = new AxonConfig();
    private final CacheManager manager = config.aggregateCacheManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aCachedAggregateSurvivesAGarbageCollection() {
        Cache cache = config.aggregateCache(manager, 16);
        cache.put("agent-1", new Object());
        WeakReference<Object> collected = new WeakReference<>(new Object());

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (collected.get() != null && System.nanoTime() < deadline) {
            System.gc(); // until an object held only weakly is gone: a collection ran
        }

        assertThat(collected.get()).as("a collection ran").isNull();
        assertThat((Object) cache.get("agent-1")).as("the cached aggregate is still there").isNotNull();
    }

    @Test
    void theLeastRecentlyUsedGoOutBeyondTheConfiguredEntries() {
        Cache cache = config.aggregateCache(manager, 100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("agent-" + i, new Object());
        }

        long kept = java.util.stream.IntStream.range(0, 1_000).filter(i -> cache.containsKey("agent-" + i)).count();
        assertThat(kept).isBetween(1L, 100L);
        assertThat(cache.containsKey("agent-999")).as("the newest is kept").isTrue();
    }
}
