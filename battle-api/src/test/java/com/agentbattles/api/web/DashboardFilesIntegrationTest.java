package com.agentbattles.api.web;

import com.agentbattles.api.support.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's files are public (the page signs in by itself), served from the jar with the
 * WebJar's uPlot, while everything under /api/** keeps its JSON errors.
 */
class DashboardFilesIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void thePageAndItsModulesAreServedWithoutCredentials() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Agent Battles</title>", "/dashboard/app.js", "/webjars/uplot/1.6.30/dist/uPlot.esm.js");

        for (String module : new String[]{"/dashboard/app.js", "/dashboard/api.js", "/dashboard/battle.js",
                "/dashboard/chart.js", "/webjars/uplot/1.6.30/dist/uPlot.esm.js"}) {
            HttpResponse<String> file = get(module);
            assertThat(file.statusCode()).as(module).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).as(module)
                    .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        }
        assertThat(get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/uplot/1.6.30/dist/uPlot.min.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiKeepsItsJsonErrorsBesideThePage() throws Exception {
        assertError(get("/api/v1/battles"), 401, "AUTHENTICATION_REQUIRED");
        assertError(get("/api/v1/no-such-endpoint"), 401, "AUTHENTICATION_REQUIRED");
        assertError(get("/dashboard/no-such-file.js"), 404, "NOT_FOUND");
        // only reading the files is public: anything else there still asks for credentials
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertError(post, 401, "AUTHENTICATION_REQUIRED");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(new ObjectMapper().readTree(response.body()).path("error").path("code").asText()).isEqualTo(code);
    }
}
