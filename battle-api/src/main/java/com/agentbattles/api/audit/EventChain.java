package com.agentbattles.api.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain over each aggregate's events. Event n's hash covers event n−1's hash, its own
 * position, type, time and serialized payload, so changing, removing or reordering any stored
 * event breaks every hash from there on, and the audit finds the first broken link.
 */
public final class EventChain {

    public static final String METADATA_KEY = "chain_hash";
    public static final String GENESIS = "0".repeat(64);

    private final Serializer serializer;

    public EventChain(Serializer serializer) {
        this.serializer = serializer;
    }

    public String hash(String previousHash, DomainEventMessage<?> event) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        return hash(previousHash, event.getAggregateIdentifier(), event.getSequenceNumber(), payload.getType().getName(),
                payload.getType().getRevision(), event.getTimestamp(), payload.getData());
    }

    /** The same hash over the parts of an event as they are stored (what the verifier reads). */
    public static String hash(String previousHash, String aggregateId, long sequence, String payloadType,
                              String payloadRevision, Instant timestamp, byte[] payload) {
        MessageDigest digest = sha256();
        update(digest, previousHash);
        update(digest, aggregateId);
        update(digest, Long.toString(sequence));
        update(digest, payloadType);
        update(digest, String.valueOf(payloadRevision));
        // the store keeps milliseconds; hashing more would not survive the round trip
        update(digest, timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
        digest.update(payload);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String part) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1f);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
