package com.agentbattles.api.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the server drives live battles ({@code battles.live.*}).
 *
 * @param snapshotInterval how often every active participant is valued (an event each time)
 * @param clockTick        how often the live clock looks for due snapshots and deadlines: the
 *                         most a deadline can be overshot
 * @param relayBatch       price updates are checked against resting orders in batches of this
 *                         period, every update of the batch in feed order
 * @param clockEnabled     whether this node may run the live clock; of the nodes that may, one
 *                         at a time does (it holds the clock's lease)
 * @param clockLeaseTtl    how long the clock's lease outlives its holder's last renewal: about
 *                         how long live battles stand still when the node running the clock dies
 *                         before another takes over (docs/operations.md, "Scaling out")
 */
@ConfigurationProperties(prefix = "battles.live")
public record LiveBattleProperties(@DefaultValue("5s") Duration snapshotInterval,
                                   @DefaultValue("250ms") Duration clockTick,
                                   @DefaultValue("100ms") Duration relayBatch,
                                   @DefaultValue("true") boolean clockEnabled,
                                   @DefaultValue("3s") Duration clockLeaseTtl) {

    public LiveBattleProperties {
        if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
            throw new IllegalArgumentException("battles.live.snapshot-interval must be positive");
        }
        if (clockLeaseTtl.compareTo(clockTick.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("battles.live.clock-lease-ttl must be at least three clock ticks");
        }
    }
}
