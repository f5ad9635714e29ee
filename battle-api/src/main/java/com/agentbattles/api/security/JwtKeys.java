package com.agentbattles.api.security;

import com.agentbattles.api.config.BattlesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key that signs JWTs: {@code BATTLES_JWT_SECRET} when configured (required for several
 * nodes), otherwise generated once and kept in the data dir so tokens survive a restart.
 */
final class JwtKeys {

    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    private JwtKeys() {
    }

    static SecretKey signingKey(BattlesProperties properties) {
        String configured = properties.jwt().secret();
        byte[] bytes = configured != null && !configured.isBlank()
                ? Base64.getDecoder().decode(configured.strip())
                : storedOrGenerated(properties.dataDir().resolve("jwt-signing.key"));
        if (bytes.length < 32) {
            throw new IllegalStateException("BATTLES_JWT_SECRET must be at least 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static byte[] storedOrGenerated(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection applies
            }
            log.info("Generated a JWT signing key in {}", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the JWT signing key " + file, e);
        }
    }
}
