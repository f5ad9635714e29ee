package com.agentbattles.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the server. Every one has an environment variable (see docs/operations.md).
 *
 * @param dataDir       where the embedded PostgreSQL and generated keys live
 * @param db            an external PostgreSQL; when its url is blank the embedded one starts
 * @param adminKey      the X-Admin-Key for /admin endpoints; blank hides them (404)
 * @param publicBaseUrl the URL agents should use in their skill.md; blank derives it from the request
 */
@ConfigurationProperties("battles")
public record BattlesProperties(Path dataDir, Db db, String adminKey, Jwt jwt, String publicBaseUrl) {

    public BattlesProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, "postgres", null) : db;
        jwt = jwt == null ? new Jwt(null, Duration.ofHours(1)) : jwt;
    }

    public boolean adminEnabled() {
        return adminKey != null && !adminKey.isBlank();
    }

    public record Db(String url, String user, String password) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** @param secret base64 HMAC key; blank means generate once and keep it under the data dir */
    public record Jwt(String secret, Duration ttl) {
        public Jwt {
            ttl = ttl == null ? Duration.ofHours(1) : ttl;
        }
    }
}
