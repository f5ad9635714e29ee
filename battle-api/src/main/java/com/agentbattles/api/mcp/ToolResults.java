package com.agentbattles.api.mcp;

import com.agentbattles.api.web.ErrorResponses;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Tool answers as JSON text in the REST API's own style (snake_case, decimals as strings), and a
 * refusal as the REST error envelope {@code {"error": {"code", "message", "details"}}} with
 * isError, so an agent reads the same codes whichever way it plays.
 */
final class ToolResults {

    private static final Logger log = LoggerFactory.getLogger(ToolResults.class);

    private final ObjectMapper json;

    ToolResults(ObjectMapper json) {
        this.json = json;
    }

    CallToolResult run(Supplier<Object> tool) {
        try {
            return CallToolResult.builder().addTextContent(text(tool.get())).isError(false).build();
        } catch (RuntimeException e) {
            DomainException domain = domain(e);
            if (domain == null) {
                log.error("MCP tool failed", e);
                return error(ErrorCode.INTERNAL_ERROR.name(), "an internal error occurred", Map.of());
            }
            return error(domain.code().name(), domain.getMessage(), domain.details());
        }
    }

    private CallToolResult error(String code, String message, Map<String, ?> details) {
        return CallToolResult.builder().addTextContent(text(ErrorResponses.body(code, message, details)))
                .isError(true).build();
    }

    /** A refusal, also when it travels inside Axon's or a future's wrapper (as ApiExceptionHandler.unwrap). */
    private static DomainException domain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d;
            }
        }
        return null;
    }

    private String text(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body always serializes", e);
        }
    }
}
