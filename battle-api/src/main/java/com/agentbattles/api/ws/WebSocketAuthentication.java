package com.agentbattles.api.ws;

import com.agentbattles.api.security.ApiKeys;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.security.TokenService;
import com.agentbattles.query.agent.CredentialReadModel;
import com.agentbattles.api.web.ErrorResponses;
import com.agentbattles.domain.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the WebSocket handshake by {@code ?token=<JWT>} or {@code ?api_key=…}: browsers
 * cannot set headers on a WebSocket. A refused handshake answers 401 before any upgrade.
 */
class WebSocketAuthentication implements HandshakeInterceptor {

    static final String CALLER = "caller";

    private final JwtDecoder jwtDecoder;
    private final CredentialReadModel credentials;

    private final ErrorResponses errors;

    WebSocketAuthentication(JwtDecoder jwtDecoder, CredentialReadModel credentials, ErrorResponses errors) {
        this.jwtDecoder = jwtDecoder;
        this.credentials = credentials;
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        Optional<Caller> caller = Optional.empty();
        String token = query.getFirst("token");
        String apiKey = query.getFirst("api_key");
        if (token != null && !token.isBlank()) {
            caller = fromToken(token);
        } else if (apiKey != null && !apiKey.isBlank()) {
            caller = credentials.findByKeyHash(ApiKeys.hash(apiKey.strip()))
                    .map(c -> Caller.apiKey(c.accountId(), c.agentId()));
        }
        if (caller.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getBody().write(errors.json(ErrorCode.AUTHENTICATION_REQUIRED,
                    "connect with ?token=<JWT> or ?api_key=<agent key>; this one is missing or not valid")
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }
        attributes.put(CALLER, caller.get());
        return true;
    }

    private Optional<Caller> fromToken(String token) {
        try {
            return Optional.of(TokenService.callerOf(jwtDecoder.decode(token.strip())));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // nothing to clean up
    }
}
