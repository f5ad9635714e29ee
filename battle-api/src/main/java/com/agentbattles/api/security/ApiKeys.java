package com.agentbattles.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Issues keys and secrets and hashes them. Both are 256-bit random values, so a plain SHA-256
 * is enough to make the stored hash useless to a thief; a slow password hash protects only
 * guessable secrets, and these are not.
 */
public final class ApiKeys {

    public static final String KEY_PREFIX = "ak_live_";
    public static final String SECRET_PREFIX = "sk_live_";
    private static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newApiKey() {
        return KEY_PREFIX + randomHex();
    }

    public static String newApiSecret() {
        return SECRET_PREFIX + randomHex();
    }

    /** What lists may show of a key so a user can tell keys apart without revealing them. */
    public static String displayPrefix(String apiKey) {
        return apiKey.substring(0, Math.min(apiKey.length(), DISPLAY_PREFIX_LENGTH));
    }

    public static String hash(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Compares hashes in constant time so response timing reveals nothing. */
    public static boolean matches(String value, String expectedHash) {
        return MessageDigest.isEqual(hash(value).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
