package com.agentbattles.api.battle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal HTTP client for driving the real server like a user would: JSON in, JSON out, one
 * account's JWT (or API key) per instance. Kept in this test package until a shared
 * integration-test base exists on main.
 */
final class BattleApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> auth;

    private BattleApiClient(String base, Map<String, String> auth) {
        this.base = base;
        this.auth = auth;
    }

    static BattleApiClient anonymous(int port) {
        return new BattleApiClient("http://localhost:" + port + "/api/v1", Map.of());
    }

    /** The same credentials against another server (a restarted one). */
    BattleApiClient onPort(int port) {
        return new BattleApiClient(anonymous(port).base, auth);
    }

    /** An agent's own client, authenticated by its key. */
    static BattleApiClient withApiKey(int port, String apiKey) {
        return new BattleApiClient(anonymous(port).base, Map.of("X-API-Key", apiKey));
    }

    /** An account's client, authenticated by its JWT. */
    static BattleApiClient withBearer(int port, String jwt) {
        return new BattleApiClient(anonymous(port).base, Map.of("Authorization", "Bearer " + jwt));
    }

    /** Registers a fresh account and logs it in. */
    static Account register(int port, String displayName) {
        BattleApiClient anonymous = anonymous(port);
        JsonNode registered = anonymous.post("/auth/register", Map.of("display_name", displayName)).expect(201).body();
        JsonNode login = anonymous.post("/auth/login", Map.of("api_key", registered.get("api_key").asText(),
                "api_secret", registered.get("api_secret").asText())).expect(200).body();
        BattleApiClient jwt = new BattleApiClient(anonymous.base, Map.of("Authorization", "Bearer " + login.get("token").asText()));
        BattleApiClient apiKey = new BattleApiClient(anonymous.base, Map.of("X-API-Key", registered.get("api_key").asText()));
        return new Account(registered.get("account_id").asText(), jwt, apiKey);
    }

    record Account(String accountId, BattleApiClient jwt, BattleApiClient apiKey) {

        String newAgent(String name) {
            return jwt.post("/agents", Map.of("name", name)).expect(201).body().get("agent_id").asText();
        }
    }

    /** The value of one of this client's auth headers (e.g. its X-API-Key), for other protocols. */
    String authValue(String header) {
        return auth.get(header);
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body);
    }

    Response post(String path) {
        return send("POST", path, null);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a raw body as is, for malformed JSON. */
    Response postRaw(String path, String rawJson) {
        return exchange("POST", path, rawJson);
    }

    private Response send(String method, String path, Object body) {
        try {
            return exchange(method, path, body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response exchange(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        auth.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(method + " " + path, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(String request, int status, String raw) {

        Response expect(int expectedStatus) {
            assertThat(status).as(request + " answered " + raw).isEqualTo(expectedStatus);
            return this;
        }

        JsonNode body() {
            if (raw == null || raw.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(raw);
            } catch (IOException e) {
                throw new AssertionError(request + " did not answer JSON: " + raw, e);
            }
        }

        /** Asserts the JSON error of the spec and returns its {@code error} object. */
        JsonNode expectError(int expectedStatus, String code) {
            expect(expectedStatus);
            JsonNode error = body().path("error");
            assertThat(error.path("code").asText()).as(request + " answered " + raw).isEqualTo(code);
            assertThat(error.path("message").asText()).isNotBlank();
            return error;
        }
    }
}
