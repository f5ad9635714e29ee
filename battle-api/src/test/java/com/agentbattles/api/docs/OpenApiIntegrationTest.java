package com.agentbattles.api.docs;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The API description a client developer reads: complete, tagged, summarised, with its credentials. */
class OpenApiIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void theDocumentListsTheKeyPathsAndDeclaresEveryCredential() {
        JsonNode doc = apiDocs();
        assertThat(doc.path("paths").has("/api/v1/auth/register")).isTrue();
        for (String path : List.of("/api/v1/auth/login", "/api/v1/agents", "/api/v1/agents/{agentId}",
                "/api/v1/agents/{agentId}/regenerate-key", "/api/v1/battles", "/api/v1/battles/{battleId}",
                "/api/v1/battles/{battleId}/start", "/api/v1/battles/{battleId}/participants",
                "/api/v1/account/info", "/api/v1/market/prices", "/api/v1/admin/projections/rebuild")) {
            assertThat(doc.path("paths").has(path)).as(path).isTrue();
        }

        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("jwt").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("jwt").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("apiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(schemes.path("adminKey").path("name").asText()).isEqualTo("X-Admin-Key");

        // register and login take no credentials; operator endpoints take the admin key
        assertThat(doc.at("/paths/~1api~1v1~1auth~1register/post/security")).isEmpty();
        assertThat(doc.at("/paths/~1api~1v1~1auth~1login/post/security")).isEmpty();
        assertThat(doc.at("/paths/~1api~1v1~1admin~1projections~1rebuild/post/security").toString()).contains("adminKey");
        assertThat(doc.path("security").toString()).contains("jwt").contains("apiKey");
    }

    @Test
    void everyOperationHasATagAndASummary() {
        JsonNode doc = apiDocs();
        List<String> incomplete = new ArrayList<>();
        int operations = 0;
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            var entry = path.next();
            for (var op = entry.getValue().fields(); op.hasNext(); ) {
                var operation = op.next();
                if (!HTTP_METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                JsonNode body = operation.getValue();
                if (body.path("summary").asText().isBlank() || body.path("tags").isEmpty()
                        || body.path("tags").get(0).asText().endsWith("-controller")) {
                    incomplete.add(operation.getKey().toUpperCase() + " " + entry.getKey());
                }
            }
        }
        assertThat(operations).isGreaterThan(30);
        // a new endpoint needs @Operation(summary = …) and its controller a @Tag
        assertThat(incomplete).isEmpty();
    }

    @Test
    void bodiesAreDescribedInSnakeCaseWithExamples() {
        JsonNode schemas = apiDocs().path("components").path("schemas");
        // the names a client must send, as the server reads them
        assertThat(schemas.at("/BattleRequest/properties").has("battle_mode")).as(schemas.path("BattleRequest").toString()).isTrue();
        assertThat(schemas.at("/BattleRequest/properties").has("battleMode")).isFalse();
        assertThat(schemas.at("/BattleRequest/properties/preset/example").asText()).isEqualTo("historical_day");
        assertThat(new java.math.BigDecimal(schemas.at("/BattleRequest/properties/starting_balance/example").asText("0")))
                .as(schemas.path("BattleRequest").toString()).isEqualByComparingTo("10000");
        assertThat(schemas.at("/CreateAgentRequest/properties/name/example").asText()).isEqualTo("Momentum Bot v1");
        assertThat(schemas.at("/LoginRequest/properties/api_key/example").asText()).startsWith("ak_live_");
        assertThat(schemas.at("/RegisterRequest/properties/display_name/example").asText()).isEqualTo("Alice");
    }

    @Test
    void swaggerUiIsServedWithoutCredentials() {
        var page = get("/swagger-ui.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
    }

    private JsonNode apiDocs() {
        var response = get("/v3/api-docs");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
