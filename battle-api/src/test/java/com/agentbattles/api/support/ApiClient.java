package com.agentbattles.api.support;

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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real HTTP client for integration tests: talks to the running server on its port like any
 * user's client would, with the credentials the test chooses.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    public ApiClient(int port) {
        this("http://localhost:" + port, Map.of());
    }

    private ApiClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public ApiClient withToken(String jwt) {
        return withHeader("Authorization", "Bearer " + jwt);
    }

    public ApiClient withApiKey(String apiKey) {
        return withHeader("X-API-Key", apiKey);
    }

    public ApiClient withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiClient(baseUrl, copy);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path) {
        return send("POST", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, json(body));
    }

    public Response put(String path, Object body) {
        return send("PUT", path, json(body));
    }

    /** Sends a raw body as-is, for malformed input. */
    public Response postRaw(String path, String rawBody) {
        return send("POST", path, rawBody);
    }

    /** POST multipart/form-data with every file in the field {@code field}, as an operator's upload would. */
    public Response upload(String path, String field, java.util.List<java.nio.file.Path> files) {
        String boundary = "----battles" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try {
            for (java.nio.file.Path file : files) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.write(java.nio.file.Files.readAllBytes(file));
                body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            return exchange(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request);
    }

    private Response exchange(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response with its body parsed as JSON where it is JSON. */
    public record Response(int status, String text, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text, e);
            }
        }

        public String field(String name) {
            return json().path(name).asText();
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
