package com.agentbattles.api.cluster;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Optional;

/**
 * A lease in PostgreSQL ({@code cluster_lease}) that names the one node running a cluster-wide
 * job. The holder renews it well within its time to live; once it has expired (its holder died,
 * was killed or lost the database) the next node that asks takes it. Taking and renewing are one
 * atomic upsert judged by the database's clock, so two nodes never both succeed and the nodes'
 * own clocks need not agree.
 * <p>
 * A holder also keeps its own, conservative idea of how long it may still act
 * ({@link #stillHeld()}): the time to live counted from just before its last successful renewal
 * on this JVM's monotonic clock, less a margin, so that a holder whose database stalls stops
 * before another node can have taken over.
 */
public class ClusterLease {

    /** What a successful take or renewal found: whether this holder has just taken the lease over. */
    public record Holding(long epoch, boolean takenOver) {
    }

    private final JdbcClient jdbc;
    private final String name;
    private final String owner;
    private final Duration ttl;
    private volatile long validUntilNanos;
    private volatile long renewedNanos;
    private volatile long heldEpoch = -1;

    public ClusterLease(JdbcClient jdbc, String name, String owner, Duration ttl) {
        if (ttl.toMillis() < 100) {
            throw new IllegalArgumentException("a lease must live at least 100 ms");
        }
        this.jdbc = jdbc;
        this.name = name;
        this.owner = owner;
        this.ttl = ttl;
    }

    /**
     * Renews the lease when this node holds it, or takes it when it is free or expired.
     *
     * @return the holding, or empty when another node holds a lease that has not expired
     */
    public Optional<Holding> acquireOrRenew() {
        long asked = System.nanoTime();
        Optional<Long> epoch = jdbc.sql("""
                        INSERT INTO cluster_lease AS l (name, owner, expires_at, epoch)
                        VALUES (:name, :owner, now() + make_interval(secs => :ttl), 1)
                        ON CONFLICT (name) DO UPDATE
                        SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
                            epoch = CASE WHEN l.owner = EXCLUDED.owner THEN l.epoch ELSE l.epoch + 1 END
                        WHERE l.owner = EXCLUDED.owner OR l.expires_at < now()
                        RETURNING epoch""")
                .param("name", name).param("owner", owner).param("ttl", ttl.toMillis() / 1000.0)
                .query(Long.class).optional();
        if (epoch.isEmpty()) {
            validUntilNanos = asked; // lost (or never had) it: act no more
            heldEpoch = -1;
            return Optional.empty();
        }
        // a third of the time to live as margin for a stalled renewal and the other node's poll
        validUntilNanos = asked + ttl.toNanos() * 2 / 3;
        renewedNanos = asked;
        boolean takenOver = heldEpoch != epoch.get();
        heldEpoch = epoch.get();
        return Optional.of(new Holding(epoch.get(), takenOver));
    }

    /** Whether this node may still act on its last renewal (false once that is too old to trust). */
    public boolean stillHeld() {
        return heldEpoch >= 0 && System.nanoTime() - validUntilNanos < 0;
    }

    /**
     * For a holder in the middle of a long round of work: renews the lease when a third of its
     * time to live has passed since the last renewal, so that a round longer than the lease is
     * not cut short.
     *
     * @return whether this node still holds the lease and may go on
     */
    public boolean keepHeld() {
        if (!stillHeld()) {
            return false;
        }
        if (System.nanoTime() - renewedNanos > ttl.toNanos() / 3) {
            Optional<Holding> renewed = acquireOrRenew();
            if (renewed.isPresent() && renewed.get().takenOver()) {
                // someone else held it in between: stop this round, and let the next
                // acquireOrRenew() report the takeover to the caller, whose memory is stale
                heldEpoch = -1;
                return false;
            }
            return renewed.isPresent();
        }
        return true;
    }

    /** Gives the lease up at once (a graceful stop), so that another node need not wait for it to expire. */
    public void release() {
        heldEpoch = -1;
        validUntilNanos = System.nanoTime();
        jdbc.sql("UPDATE cluster_lease SET expires_at = now() - interval '1 millisecond' WHERE name = ? AND owner = ?")
                .params(name, owner).update();
    }

    /** Which node holds the lease and until when, as the database sees it (for operators and tests). */
    public Optional<String> holder() {
        return jdbc.sql("SELECT owner FROM cluster_lease WHERE name = ? AND expires_at >= now()")
                .param(name).query(String.class).optional();
    }

    public String owner() {
        return owner;
    }
}
