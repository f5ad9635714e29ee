package com.agentbattles.api.ws;

import com.agentbattles.api.web.ErrorResponses;
import com.agentbattles.domain.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Spring's handshake with the spec's error envelope where Spring answers a plain-text sentence:
 * a request to {@code /ws/v1} that is not a WebSocket upgrade (a browser tab, curl without the
 * upgrade headers) is a 400 in JSON like every other malformed request.
 */
class JsonHandshakeHandler extends DefaultHandshakeHandler {

    private final ErrorResponses errors;

    JsonHandshakeHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response) throws IOException {
        refuse(response, "/ws/v1 is a WebSocket endpoint: send Connection: Upgrade and Upgrade: websocket");
    }

    @Override
    protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response) throws IOException {
        refuse(response, "/ws/v1 is a WebSocket endpoint: send Connection: Upgrade and Upgrade: websocket");
    }

    private void refuse(ServerHttpResponse response, String message) throws IOException {
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(errors.json(ErrorCode.MALFORMED_REQUEST, message).getBytes(StandardCharsets.UTF_8));
    }
}
