package com.agentbattles.api.live;

import com.agentbattles.domain.battle.LiveBattleEvents.LiveSnapshotTaken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * When a live battle's last snapshot was taken, read from the event log itself (never a read
 * model, which may lag): what a clock that has just taken over, or restarted, counts the next
 * snapshot from, so that it neither repeats the previous clock's last one nor skips one.
 */
@Component
public class LiveSnapshotLog {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public LiveSnapshotLog(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The {@code takenAt} of the battle's newest {@link LiveSnapshotTaken}, or empty before its first. */
    public Optional<Instant> lastTakenAt(String battleId) {
        return jdbc.sql("""
                        SELECT payload, payload_revision FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type = ?
                        ORDER BY sequence_number DESC LIMIT 1""")
                .params(battleId, LiveSnapshotTaken.class.getName())
                .query((rs, row) -> {
                    LiveSnapshotTaken event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(1),
                            byte[].class, LiveSnapshotTaken.class.getName(), rs.getString(2)));
                    return event.takenAt();
                })
                .optional();
    }
}
