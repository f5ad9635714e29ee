package com.agentbattles.api.mcp;

import com.agentbattles.api.security.Caller;
import com.agentbattles.api.security.CallerArgumentResolver;
import com.agentbattles.domain.error.DomainException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The MCP server for LLM trading agents: streamable HTTP at {@code /mcp} on the API's own port,
 * a servlet beside Spring MVC's. Spring Security's filter chain runs in front of it as in front of
 * every endpoint, so {@code /mcp} needs the agent's {@code X-API-Key} (401 with the JSON error
 * envelope without it). The caller is captured from the security context while the servlet thread
 * still holds it, because the SDK may run the tool on another thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class McpServerConfig {

    public static final String ENDPOINT = "/mcp";
    static final String CALLER = "caller";

    @Bean
    HttpServletStreamableServerTransportProvider mcpTransport() {
        return HttpServletStreamableServerTransportProvider.builder()
                // the protocol's own camelCase JSON, not the REST API's snake_case mapper
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .mcpEndpoint(ENDPOINT)
                .contextExtractor(request -> {
                    try {
                        return McpTransportContext.create(Map.of(CALLER, CallerArgumentResolver.current()));
                    } catch (DomainException e) {
                        return McpTransportContext.EMPTY;
                    }
                })
                .build();
    }

    @Bean(destroyMethod = "close")
    McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, AgentTools tools) {
        return McpServer.sync(transport)
                .serverInfo("agent-battles", "0.1.0")
                .instructions("Trade as your agent in Agent Battles. Call list_my_battles, then battle_state and "
                        + "place_order for a battle; with the agents' clock call done_with_step once you have decided "
                        + "each step. Without battle_id, place_order trades on your own wallet at live prices.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.specifications())
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        registration.setName("mcp");
        registration.setAsyncSupported(true); // the SSE streams of the transport are asynchronous
        return registration;
    }

    /** The acting agent of a tool call: always the key's, never an argument. */
    static Caller caller(McpTransportContext context) {
        Object caller = context == null ? null : context.get(CALLER);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new DomainException(com.agentbattles.domain.error.ErrorCode.AUTHENTICATION_REQUIRED,
                "authenticate with your agent's X-API-Key");
    }
}
