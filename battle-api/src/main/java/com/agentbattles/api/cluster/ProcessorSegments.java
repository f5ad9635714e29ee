package com.agentbattles.api.cluster;

import org.springframework.core.env.Environment;

/**
 * How the event processors split the log between nodes. One node: one segment per processor, as
 * always (a 2-core node gains nothing from more, docs/benchmarks.md). A ring of N nodes: each
 * processor gets {@code battles.cluster.segments} segments (default 2·N) and a node claims at most
 * {@code battles.cluster.max-claimed-segments} of them (default the share of a survivor when one
 * node is down: segments / (N − 1), rounded up). That limit is what lets the nodes left after a
 * crash claim every segment of the dead one, so no projection stands still until it returns; the
 * price is that the nodes that start first take all segments and the last one may hold none,
 * which costs it nothing but CPU it would have spent: its read-your-writes barrier reads the
 * other nodes' tokens (docs/operations.md). Segments are fixed when a processor's tokens are
 * first written.
 */
public record ProcessorSegments(int initialSegments, Integer maxClaimed) {

    /** The claim limit on a ring; a single node keeps Axon's default (no practical limit). */
    public org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.Builder applyTo(
            org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.Builder builder) {
        return maxClaimed == null ? builder : builder.maxClaimedSegments(maxClaimed);
    }


    public static ProcessorSegments of(Environment environment) {
        int members = ClusterEnvironment.members(environment.getProperty(ClusterEnvironment.MEMBERS, "")).size();
        if (members <= 1) {
            return new ProcessorSegments(1, null);
        }
        int segments = environment.getProperty("battles.cluster.segments", Integer.class, 2 * members);
        int survivorShare = (segments + members - 2) / (members - 1); // ceil(segments / (members - 1))
        int maxClaimed = environment.getProperty("battles.cluster.max-claimed-segments", Integer.class, survivorShare);
        return new ProcessorSegments(segments, maxClaimed);
    }
}
