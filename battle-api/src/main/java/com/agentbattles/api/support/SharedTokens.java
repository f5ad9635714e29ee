package com.agentbattles.api.support;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * The processors' tokens as every node shares them ({@code token_entry}): how far the segments
 * that other nodes hold have got. A token there is committed with its projection's writes, so
 * a segment whose stored token is past an event has that event in the read model.
 */
@Component
public class SharedTokens {

    private record Stored(int segment, TrackingToken token) {
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    /** @param serializer the one Axon's JDBC token store writes tokens with (the primary serializer) */
    public SharedTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * Whether every segment of {@code processorName} other than {@code skipSegments} (the ones this
     * node holds and judges from its own processor) has handled the event at {@code position}.
     * A processor with no stored segment has handled nothing.
     */
    public boolean handled(String processorName, Collection<Integer> skipSegments, long position) {
        List<Stored> stored = jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?")
                .param(processorName)
                .query((rs, row) -> new Stored(rs.getInt(1), token(rs.getBytes(2), rs.getString(3))))
                .list();
        if (stored.isEmpty()) {
            return false;
        }
        return stored.stream()
                .filter(segment -> !skipSegments.contains(segment.segment()))
                .allMatch(segment -> ReadModelBarrier.handled(segment.token(), position));
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null; // a segment that has not handled anything yet
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
