package com.agentbattles.api.audit;

import com.agentbattles.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored event carries a link of its aggregate's hash chain; tampering in the database is detected. */
class EventChainIntegrationTest extends IntegrationTest {

    @Autowired
    EventChainVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anHonestHistoryVerifiesAndAnAlteredEventIsFound() {
        Account alice = register("Alice");
        String agentId = alice.api().post("/agents", Map.of("name", "Momentum")).field("agent_id");
        alice.api().put("/agents/" + agentId, Map.of("description", "first"));
        alice.api().put("/agents/" + agentId, Map.of("description", "second"));

        var honest = verifier.verify(agentId);
        assertThat(honest.intact()).as(honest.toString()).isTrue();
        assertThat(honest.eventCount()).isEqualTo(3);
        assertThat(honest.headHash()).hasSize(64);

        byte[] original = payload(agentId, 1);
        try {
            jdbc.sql("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'first', 'forged'), 'UTF8') "
                            + "WHERE aggregate_identifier = ? AND sequence_number = 1")
                    .params(agentId).update();
            var tampered = verifier.verify(agentId);
            assertThat(tampered.intact()).isFalse();
            assertThat(tampered.firstBrokenSequence()).isEqualTo(1);
            assertThat(tampered.problem()).contains("does not match its recorded hash");
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 1")
                    .params(original, agentId).update();
        }
        assertThat(verifier.verify(agentId).intact()).isTrue();
    }

    @Test
    void aDeletedEventIsFound() {
        Account bob = register("Bob");
        String agentId = bob.api().post("/agents", Map.of("name", "Short-lived history")).field("agent_id");
        bob.api().put("/agents/" + agentId, Map.of("description", "a"));
        bob.api().put("/agents/" + agentId, Map.of("description", "b"));
        var row = jdbc.sql("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1")
                .param(agentId).query().singleRow();
        try {
            jdbc.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1").param(agentId).update();
            var report = verifier.verify(agentId);
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSequence()).isEqualTo(1);
            assertThat(report.problem()).contains("event 1 is missing");
        } finally {
            jdbc.sql("""
                            INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                type, time_stamp, payload_type, payload_revision, payload, meta_data)
                            VALUES (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type, :time_stamp,
                                :payload_type, :payload_revision, :payload, :meta_data)""")
                    .params(row).update();
        }
        assertThat(verifier.verify(agentId).intact()).isTrue();
    }

    private byte[] payload(String aggregateId, long sequence) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(aggregateId, sequence).query(byte[].class).single();
    }
}
