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
 * @param clockEnabled     whether this node runs the live clock; with several nodes on one
 *                         database exactly one should (docs/operations.md, "Scaling out")
 */
@ConfigurationProperties(prefix = "battles.live")
public record LiveBattleProperties(@DefaultValue("5s") Duration snapshotInterval,
                                   @DefaultValue("250ms") Duration clockTick,
                                   @DefaultValue("100ms") Duration relayBatch,
                                   @DefaultValue("true") boolean clockEnabled) {

    public LiveBattleProperties {
        if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
            throw new IllegalArgumentException("battles.live.snapshot-interval must be positive");
        }
    }
}
