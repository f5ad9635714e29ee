package com.agentbattles.api.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client gets when the ring member handling its command leaves before answering: Axon
 * fails the waiting command with a connector exception, which the gateway throws as it is or
 * wrapped. Either way the answer is a 503 to retry after a read, not a 500.
 */
class NodeLeftResponseTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();
    private final CommandBusConnectorCommunicationException nodeLeft = new CommandBusConnectorCommunicationException(
            "Connection error while waiting for a response on command PlaceBattleOrder");

    @Test
    void aCommandWhoseNodeLeftAnswers503WithRetryAfter() {
        assertRetryLater(handler.nodeLeft(nodeLeft));
    }

    @Test
    void theSameFailureWrappedByTheGatewayAnswersTheSame() {
        assertRetryLater(handler.commandFailed(new CommandExecutionException("failed", nodeLeft)));
    }

    @SuppressWarnings("unchecked")
    private static void assertRetryLater(ResponseEntity<Object> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) response.getBody()).get("error");
        assertThat(error).containsEntry("code", "NODE_UNAVAILABLE");
        assertThat((String) error.get("message")).contains("read it again");
    }
}
