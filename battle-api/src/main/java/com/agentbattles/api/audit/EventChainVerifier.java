package com.agentbattles.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Walks an aggregate's stored events and checks every link of its hash chain. It reads the rows
 * of {@code domain_event_entry} as they are, not the events the event store hands out: those
 * pass through the upcaster chain, and an upcast event (new revision, new JSON) would read as
 * altered although nobody touched it.
 */
@Component
public class EventChainVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public EventChainVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param firstBrokenSequence the first event whose link does not hold, or null when all do
     * @param headHash            the last event's recorded hash: a digest of the whole history
     */
    public record ChainReport(String aggregateId, long eventCount, boolean intact, Long firstBrokenSequence,
                              String problem, String headHash) {
    }

    public ChainReport verify(String aggregateId) {
        Walk walk = new Walk(aggregateId);
        jdbc.query("""
                        SELECT sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                walk, aggregateId);
        return walk.report();
    }

    /** Checks one stored row after the other, stopping at the first broken link. */
    private static final class Walk implements RowCallbackHandler {
        private final String aggregateId;
        private String previous = EventChain.GENESIS;
        private long expectedSequence;
        private ChainReport broken;

        Walk(String aggregateId) {
            this.aggregateId = aggregateId;
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            if (broken != null) {
                return;
            }
            long sequence = row.getLong("sequence_number");
            if (sequence != expectedSequence) {
                broken = broken(expectedSequence, expectedSequence,
                        "event " + expectedSequence + " is missing (next stored is " + sequence + ")");
                return;
            }
            String recorded = recordedHash(row.getBytes("meta_data"));
            if (recorded == null) {
                broken = broken(expectedSequence + 1, expectedSequence, "event has no chain hash");
                return;
            }
            String recomputed;
            try {
                recomputed = EventChain.hash(previous, aggregateId, sequence, row.getString("payload_type"),
                        row.getString("payload_revision"), Instant.parse(row.getString("time_stamp")),
                        row.getBytes("payload"));
            } catch (RuntimeException unreadableTime) {
                broken = broken(expectedSequence + 1, expectedSequence, "event has an unreadable time stamp");
                return;
            }
            if (!recomputed.equals(recorded)) {
                broken = broken(expectedSequence + 1, expectedSequence,
                        "event content does not match its recorded hash (altered, or an earlier event was)");
                return;
            }
            previous = recomputed;
            expectedSequence++;
        }

        ChainReport report() {
            return broken != null ? broken : new ChainReport(aggregateId, expectedSequence, true, null, null, previous);
        }

        private ChainReport broken(long count, long sequence, String problem) {
            return new ChainReport(aggregateId, count, false, sequence, problem, null);
        }

        /** The chain hash from the stored metadata (a JSON object); null when absent or unreadable. */
        private static String recordedHash(byte[] metaData) {
            if (metaData == null) {
                return null;
            }
            try {
                JsonNode hash = JSON.readTree(metaData).get(EventChain.METADATA_KEY);
                return hash == null || !hash.isTextual() ? null : hash.asText();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
