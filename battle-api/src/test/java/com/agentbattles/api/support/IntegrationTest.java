package com.agentbattles.api.support;

import com.agentbattles.api.BattlesApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server on a random port, on a fresh embedded PostgreSQL, or on the external server
 * named by BATTLES_DB_URL (CI runs the suite both ways). Tests talk to it over HTTP only.
 * All subclasses share one application context, so every test registers its own accounts.
 * Metrics export is on as in production (Spring Boot turns it off in tests by default), so
 * /actuator/prometheus answers.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    private static final Path DATA_DIR = freshDataDir();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("battles.data-dir", DATA_DIR::toString);
        registry.add("battles.admin-key", () -> "test-admin-key");
        // no network here: tests that need prices play stored candles instead
        registry.add("battles.market.feed", () -> "none");
        // tests of this shared server drive live battles' snapshots themselves (CaptureLiveSnapshot);
        // the live clock runs in the servers of the live battle tests
        registry.add("battles.live.clock-enabled", () -> "false");
    }

    /** The data dir of the server under test (where its generated JWT key lives). */
    protected static Path dataDir() {
        return DATA_DIR;
    }

    protected ApiClient anonymous() {
        return new ApiClient(port);
    }

    /** Registers a new account and logs in: the client carries its JWT. */
    protected Account register(String displayName) {
        var registered = anonymous().post("/auth/register", Map.of("display_name", displayName));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String apiKey = registered.field("api_key");
        String apiSecret = registered.field("api_secret");
        var login = anonymous().post("/auth/login", Map.of("api_key", apiKey, "api_secret", apiSecret));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new Account(registered.field("account_id"), registered.field("default_agent_id"), apiKey, apiSecret,
                anonymous().withToken(login.field("token")));
    }

    public record Account(String accountId, String defaultAgentId, String apiKey, String apiSecret, ApiClient api) {
    }

    private static Path freshDataDir() {
        try {
            return Files.createTempDirectory("battles-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
