package com.agentbattles.api.web;

import com.agentbattles.api.support.IntegrationTest;
import com.agentbattles.api.support.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, the answer is the spec's envelope {@code {"error": {"code", "message",
 * "details"}}} in JSON with the right status, never Tomcat's HTML page, Spring's
 * {@code {"timestamp","status","error"}} body or a 5xx. The requests go over a plain socket as
 * written here, so the hostile bytes reach the server exactly as an attacker would send them.
 */
class HostileRequestsIntegrationTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]*[A-Z]");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    /**
     * Path-segment values as they go on the wire: traversal with encoded slashes, NUL, markup,
     * matrix parameters, backslashes, double encoding, broken escapes, control characters, CRLF
     * injection, invalid UTF-8, an empty and an over-long segment.
     */
    private static final List<String> HOSTILE_SEGMENTS = List.of(
            "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "%00", "a%00b", "a<b", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "a;b", "a%3Bb", ";jsessionid=1", "a\\b", "a%5Cb", "%252F", "..%252F..%252F", "%2e%2e", "..", ".",
            "a%zzb", "%", "a\u0001b", "%0D%0AX-Injected:%20yes", "a\"b", "a{b}", "a|b", "a`b", "a%20b", "a+b",
            "%C0%AF", "%FF", "%E2%82%AC", "", "x".repeat(9000), "1e309", "-1", "null", "%7B%7D");

    private Map<String, String> jwt;
    private Map<String, String> apiKey;

    @BeforeEach
    void credentials() {
        Account account = register("Hostile");
        var login = anonymous().post("/auth/login", Map.of("api_key", account.apiKey(), "api_secret", account.apiSecret()));
        jwt = Map.of("Authorization", "Bearer " + login.field("token"));
        apiKey = Map.of("X-API-Key", account.apiKey());
    }

    @Test
    void hostilePathsAreRefusedWithTheEnvelope() {
        for (Map<String, String> credentials : List.of(Map.<String, String>of(), jwt, apiKey)) {
            for (String target : List.of("/api/v1/agents/..%2F..%2Fetc%2Fpasswd", "/api/v1/agents/a%2Fb",
                    "/api/v1/agents/a%00b", "/api/v1/agents/a<b", "/api/v1/agents/a;b", "/api/v1/agents/a%3Bb",
                    "/api/v1/agents/a\\b", "/api/v1/agents/a%5Cb", "/api/v1/agents/a%252Fb", "/api/v1/agents/%2e%2e",
                    "/api/v1//agents", "/api/v1/agents/a%zzb", "/api/v1/agents/a\u0001b", "/api/v1/agents?q=<>",
                    "/api/v1/agents/" + "x".repeat(20_000), "api/v1/agents")) {
                expect(RawHttp.send(port, "GET", target, credentials, null), 400, "MALFORMED_REQUEST");
            }
            // the firewall's reason says what it refused
            assertThat(message(RawHttp.send(port, "GET", "/api/v1/agents/a;b", credentials, null))).contains(";");

            Map<String, String> hugeHeader = new LinkedHashMap<>(credentials);
            hugeHeader.put("X-Padding", "p".repeat(20_000));
            expect(RawHttp.send(port, "GET", "/api/v1/agents", hugeHeader, null), 400, "MALFORMED_REQUEST");
            expect(RawHttp.exchange(port, ("GET /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nBroken header line\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)), 400, "MALFORMED_REQUEST");
            expect(RawHttp.exchange(port, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400, "MALFORMED_REQUEST");
            // statuses HTTP itself defines for these keep their status, with our body
            expect(RawHttp.exchange(port, "GET /api/v1/agents HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)), 505, "PROTOCOL_ERROR");
            expect(RawHttp.send(port, "TRACE", "/api/v1/agents", credentials, null), 405, "METHOD_NOT_ALLOWED");
            expect(RawHttp.send(port, "BREW", "/api/v1/agents", credentials, null), 405, "METHOD_NOT_ALLOWED");
        }
        // an id that is merely odd is an unknown id, or a request without credentials
        expect(RawHttp.send(port, "GET", "/api/v1/agents/a%3Cb", jwt, null), 404, "AGENT_NOT_FOUND");
        expect(RawHttp.send(port, "GET", "/api/v1/agents/a%3Cb", Map.of(), null), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void bodiesMethodsAndMediaTypesTheEndpointsDoNotTakeAreRefusedWithTheEnvelope() {
        String oversized = "{\"name\": \"" + "a".repeat(1_500_000) + "\"}";
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (Map<String, String> credentials : List.of(Map.<String, String>of(), jwt)) {
            boolean signedIn = !credentials.isEmpty();
            String agents = "/api/v1/agents";
            String login = "/api/v1/auth/login";
            expect(RawHttp.send(port, "POST", login, with(credentials, json), oversized), 413, "PAYLOAD_TOO_LARGE");
            expect(chunked(login, credentials, oversized), 413, "PAYLOAD_TOO_LARGE");
            expect(RawHttp.send(port, "POST", login, with(credentials, Map.of("Content-Type", "text/plain")), "hello"),
                    415, "UNSUPPORTED_MEDIA_TYPE");
            expect(RawHttp.send(port, "POST", login, with(credentials, Map.of("Content-Type", "application/xml")), "<a/>"),
                    415, "UNSUPPORTED_MEDIA_TYPE");
            expect(RawHttp.send(port, "POST", login, with(credentials, json), "{\"api_key\": "), 400, "VALIDATION_ERROR");
            expect(RawHttp.send(port, "POST", login, with(credentials, json), "\u0000\u0001"), 400, "VALIDATION_ERROR");
            // only POST is open to anyone: another method needs credentials before it learns more
            expect(RawHttp.send(port, "PATCH", login, with(credentials, json), "{}"), signedIn ? 405 : 401,
                    signedIn ? "METHOD_NOT_ALLOWED" : "AUTHENTICATION_REQUIRED");
            expect(RawHttp.send(port, "GET", "/actuator/health", with(credentials, Map.of("Accept", "application/xml")),
                    null), 406, "NOT_ACCEPTABLE");
            expect(RawHttp.send(port, "GET", "/error", credentials, null), 404, "NOT_FOUND");

            int status = signedIn ? 404 : 401;
            String code = signedIn ? "NOT_FOUND" : "AUTHENTICATION_REQUIRED";
            expect(RawHttp.send(port, "GET", "/api/v1/no/such/route", credentials, null), status, code);
            expect(RawHttp.send(port, "GET", "/nowhere", with(credentials, Map.of("Accept", "text/html")), null), status, code);
            if (signedIn) {
                expect(RawHttp.send(port, "POST", agents, with(credentials, json), oversized), 413, "PAYLOAD_TOO_LARGE");
                expect(chunked(agents, credentials, oversized), 413, "PAYLOAD_TOO_LARGE");
                expect(RawHttp.send(port, "POST", agents, with(credentials, Map.of("Content-Type", "text/plain")), "x"),
                        415, "UNSUPPORTED_MEDIA_TYPE");
                expect(RawHttp.send(port, "POST", agents, with(credentials, json), "{\"name\": "), 400, "VALIDATION_ERROR");
                var notAllowed = RawHttp.send(port, "PATCH", agents, credentials, null);
                expect(notAllowed, 405, "METHOD_NOT_ALLOWED");
                assertThat(notAllowed.headers().get("allow")).as(notAllowed.toString()).contains("GET", "POST");
                expect(RawHttp.send(port, "GET", agents, with(credentials, Map.of("Accept", "application/xml")), null),
                        406, "NOT_ACCEPTABLE");
                // the one endpoint that answers markdown says so, in JSON
                var markdownOnly = RawHttp.send(port, "GET", "/api/v1/agents/unknown/skill.md",
                        with(credentials, Map.of("Accept", "text/html")), null);
                expect(markdownOnly, 406, "NOT_ACCEPTABLE");
                assertThat(message(markdownOnly)).contains("text/markdown");
            }
        }
    }

    /**
     * PostgreSQL cannot hold a NUL in text: a name with one would be an event no projection can
     * apply, and every later agent of the node would wait on the stuck projection. It is refused
     * at the door, in a body as in a query string.
     */
    @Test
    void aNulCharacterIsRefusedBeforeItReachesTheEventLog() {
        var named = RawHttp.send(port, "POST", "/api/v1/agents", with(jwt, Map.of("Content-Type", "application/json")),
                "{\"name\": \"nul\\u0000agent\"}");
        expect(named, 400, "VALIDATION_ERROR");
        assertThat(error(named).path("details").path("field").asText()).isEqualTo("name");
        expect(RawHttp.send(port, "GET", "/api/v1/trade/orders?symbol=a%00b", jwt, null), 400, "MALFORMED_REQUEST");
        expect(RawHttp.send(port, "GET", "/api/v1/backtest?strategy_label=%00", jwt, null), 400, "MALFORMED_REQUEST");

        // the projections are not stuck: the next agent is created and visible at once
        var next = RawHttp.send(port, "POST", "/api/v1/agents", with(jwt, Map.of("Content-Type", "application/json")),
                "{\"name\": \"after the NUL\"}");
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
    }

    /** Errors that are a bare status where they come from (the WebSocket handshake, the actuator) get the body too. */
    @Test
    void theWebSocketEndpointAndTheActuatorAnswerTheEnvelopeToo() {
        expect(RawHttp.send(port, "GET", "/ws/v1", Map.of(), null), 401, "AUTHENTICATION_REQUIRED");
        expect(RawHttp.send(port, "GET", "/ws/v1?token=forged", Map.of(), null), 401, "AUTHENTICATION_REQUIRED");
        String token = jwt.get("Authorization").substring("Bearer ".length());
        // a browser tab or curl on the WebSocket endpoint, without the upgrade
        expect(RawHttp.send(port, "GET", "/ws/v1?token=" + token, Map.of(), null), 400, "MALFORMED_REQUEST");
        expect(RawHttp.send(port, "GET", "/ws/v1?token=" + token, Map.of("Connection", "Upgrade", "Upgrade", "websocket"),
                null), 400, "MALFORMED_REQUEST");
        expect(RawHttp.send(port, "GET", "/actuator/metrics/no.such.meter", jwt, null), 404, "NOT_FOUND");
        expect(RawHttp.send(port, "GET", "/actuator/nope", jwt, null), 404, "NOT_FOUND");
    }

    /**
     * Every path template of our own OpenAPI document with every hostile value in each of its
     * path parameters, with and without credentials: the answer is always our envelope with a
     * 4xx status.
     */
    @Test
    void everyDocumentedEndpointAnswersHostilePathParametersWithTheEnvelope() throws IOException {
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Operation operation : documentedOperations()) {
            for (String hostile : operation.pathParameters()) {
                for (String value : HOSTILE_SEGMENTS) {
                    for (Map<String, String> credentials : List.of(Map.<String, String>of(), jwt)) {
                        sent++;
                        check(operation, operation.target(hostile, value, null, null), credentials, true, problems);
                    }
                }
            }
        }
        assertThat(sent).as("requests generated from /v3/api-docs").isGreaterThan(1_500);
        assertThat(problems).as(problems.size() + " of " + sent + " answers").isEmpty();
    }

    /**
     * The same for every documented query parameter. A hostile value there may be harmless (a
     * filter that matches nothing answers 200), so only a refusal must be the envelope; none may
     * be a 5xx.
     */
    @Test
    void everyDocumentedQueryParameterTakesHostileValuesWithoutA5xx() throws IOException {
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Operation operation : documentedOperations()) {
            for (String parameter : operation.queryParameters()) {
                for (String value : HOSTILE_SEGMENTS) {
                    for (Map<String, String> credentials : List.of(Map.<String, String>of(), jwt)) {
                        sent++;
                        check(operation, operation.target(null, null, parameter, value), credentials, false, problems);
                    }
                }
            }
        }
        assertThat(sent).as("requests generated from /v3/api-docs").isGreaterThan(500);
        assertThat(problems).as(problems.size() + " of " + sent + " answers").isEmpty();
    }

    private void check(Operation operation, String target, Map<String, String> credentials, boolean mustRefuse,
                       List<String> problems) {
        boolean withBody = !operation.method().equals("GET") && !operation.method().equals("DELETE");
        RawHttp.Response response = RawHttp.send(port, operation.method(), target,
                withBody ? with(credentials, Map.of("Content-Type", "application/json")) : credentials,
                withBody ? "{}" : null);
        String problem = null;
        if (response.status() >= 500) {
            problem = "status " + response.status();
        } else if (response.status() >= 400) {
            problem = envelopeProblem(response);
        } else if (mustRefuse) {
            problem = "status " + response.status() + " for a hostile id";
        }
        if (problem != null) {
            problems.add(operation.method() + " " + abbreviate(target) + (credentials.isEmpty() ? "" : " (JWT)")
                    + ": " + problem + " — " + abbreviate(response.toString()));
        }
    }

    /** An operation of /v3/api-docs, with the names of its path and query parameters. */
    private record Operation(String method, String template, List<String> pathParameters, List<String> queryParameters) {

        /** The template with {@code value} in {@code hostile} (raw, as on the wire) and plausible values elsewhere. */
        String target(String hostilePath, String pathValue, String hostileQuery, String queryValue) {
            Matcher matcher = PATH_PARAMETER.matcher(template);
            StringBuilder target = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value = name.equals(hostilePath) ? pathValue : name.equals("symbol") ? "BTCUSDT" : "x";
                matcher.appendReplacement(target, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(target);
            return hostileQuery == null ? target.toString() : target + "?" + hostileQuery + "=" + queryValue;
        }
    }

    private List<Operation> documentedOperations() throws IOException {
        JsonNode doc = JSON.readTree(RawHttp.send(port, "GET", "/v3/api-docs", Map.of(), null).body());
        List<Operation> operations = new ArrayList<>();
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            var entry = path.next();
            for (var op = entry.getValue().fields(); op.hasNext(); ) {
                var operation = op.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                List<String> pathParameters = PATH_PARAMETER.matcher(entry.getKey()).results().map(m -> m.group(1)).toList();
                List<String> queryParameters = new ArrayList<>();
                operation.getValue().path("parameters").forEach(parameter -> {
                    if (parameter.path("in").asText().equals("query")) {
                        queryParameters.add(parameter.path("name").asText());
                    }
                });
                operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), entry.getKey(), pathParameters,
                        queryParameters));
            }
        }
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
        return operations;
    }

    private RawHttp.Response chunked(String target, Map<String, String> credentials, String body) {
        StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
        credentials.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += 65_536) {
            int length = Math.min(65_536, bytes.length - at);
            request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.write(bytes, at, length);
            request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return RawHttp.exchange(port, request.toByteArray());
    }

    private static Map<String, String> with(Map<String, String> credentials, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(credentials);
        all.putAll(headers);
        return all;
    }

    private static void expect(RawHttp.Response response, int status, String code) {
        assertThat(envelopeProblem(response)).as(response.toString()).isNull();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(code(response)).as(response.toString()).isEqualTo(code);
    }

    /** Why this is not the spec's error envelope, or null when it is. */
    private static String envelopeProblem(RawHttp.Response response) {
        if (!response.contentType().startsWith("application/json")) {
            return "content type '" + response.contentType() + "'";
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return "not JSON";
        }
        if (body == null || body.size() != 1 || !body.path("error").isObject()) {
            return "not {\"error\": {…}}";
        }
        JsonNode error = body.path("error");
        if (!CODE.matcher(error.path("code").asText()).matches()) {
            return "code '" + error.path("code").asText() + "'";
        }
        if (error.path("message").asText().isBlank()) {
            return "no message";
        }
        if (!error.path("details").isObject()) {
            return "details not an object";
        }
        return null;
    }

    private static String code(RawHttp.Response response) {
        return error(response).path("code").asText();
    }

    private static String message(RawHttp.Response response) {
        return error(response).path("message").asText();
    }

    private static JsonNode error(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body()).path("error");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }
}
