package com.agentbattles.api.config;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With no database configured, the data lives under the data dir and is still there after a restart. */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void accountsAgentsAndTokensSurviveARestart() {
        String apiKey;
        String apiSecret;
        String token;
        String agentId;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            var registered = api.post("/auth/register", Map.of("display_name", "Persistent"));
            apiKey = registered.field("api_key");
            apiSecret = registered.field("api_secret");
            token = api.post("/auth/login", Map.of("api_key", apiKey, "api_secret", apiSecret)).field("token");
            agentId = api.withToken(token).post("/agents", Map.of("name", "Survivor")).field("agent_id");
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
        assertThat(dataDir.resolve("jwt-signing.key")).isRegularFile();

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            // the JWT issued before the restart is still valid: the signing key was kept
            var agent = api.withToken(token).get("/agents/" + agentId);
            assertThat(agent.status()).as(agent.toString()).isEqualTo(200);
            assertThat(agent.field("name")).isEqualTo("Survivor");
            assertThat(api.post("/auth/login", Map.of("api_key", apiKey, "api_secret", apiSecret)).status()).isEqualTo(200);
            // no BATTLES_ADMIN_KEY configured: the operator endpoints do not exist
            var admin = api.withHeader("X-Admin-Key", "guess").get("/admin/projections");
            assertThat(admin.status()).isEqualTo(404);
            assertThat(admin.errorCode()).isEqualTo("NOT_FOUND");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BattlesApplication.class)
                .run("--server.port=0", "--battles.data-dir=" + dataDir, "--battles.db.url=", "--battles.market.feed=none");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
