package com.agentbattles.api.agent;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Forges tokens a client might present: expired ones with the server's key, or valid-looking ones with another key. */
final class ExpiredTokens {

    private ExpiredTokens() {
    }

    static String expiredFor(Path dataDir, String accountId) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(dataDir.resolve("jwt-signing.key")).strip());
            Instant issued = Instant.now().minusSeconds(7200);
            return sign(key, accountId, issued, issued.plusSeconds(3600));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String signedWithAnotherKey(String accountId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return sign(key, accountId, Instant.now(), Instant.now().plusSeconds(3600));
    }

    private static String sign(byte[] key, String accountId, Instant issuedAt, Instant expiresAt) {
        var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(key, "HmacSHA256")));
        var claims = JwtClaimsSet.builder().issuer("agent-battles").subject(accountId)
                .issuedAt(issuedAt).expiresAt(expiresAt).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
