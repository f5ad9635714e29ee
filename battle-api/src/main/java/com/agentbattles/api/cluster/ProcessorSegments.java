package com.agentbattles.api.cluster;

import org.springframework.core.env.Environment;

/**
 * How the event processors split the log between nodes. One node: one segment per processor, as
 * always (a 2-core node gains nothing from more, docs/benchmarks.md). A ring of N nodes: each
 * processor gets {@code battles.cluster.segments} segments (default 2·N) and a node claims at most
 * {@code battles.cluster.max-claimed-segments} of them (default its equal share, segments / N).
 * The equal share is what makes every node hold segments of every processor: the first node up
 * would otherwise claim them all, and this node's read-your-writes barrier waits on its own
 * processors, so a node without segments could not answer. The price: while a node is down its
 * segments wait for it (docs/operations.md). Segments are fixed when a processor's tokens are first
 * written.
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
        int equalShare = (segments + members - 1) / members; // ceil(segments / members)
        int maxClaimed = environment.getProperty("battles.cluster.max-claimed-segments", Integer.class, equalShare);
        return new ProcessorSegments(segments, maxClaimed);
    }
}
