package com.agentbattles.api.security;

import com.agentbattles.api.web.ErrorResponses;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.agent.CredentialReadModel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates {@code X-API-Key}. An unknown, regenerated, archived or deleted key is refused
 * outright with INVALID_API_KEY rather than treated as anonymous.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    private final CredentialReadModel credentials;
    private final ErrorResponses errors;

    public ApiKeyAuthenticationFilter(CredentialReadModel credentials, ErrorResponses errors) {
        this.credentials = credentials;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank() || request.getHeader("Authorization") != null) {
            chain.doFilter(request, response);
            return;
        }
        var credential = credentials.findByKeyHash(ApiKeys.hash(key.strip()));
        if (credential.isEmpty()) {
            errors.write(response, ErrorCode.INVALID_API_KEY, "the API key is not valid (unknown, regenerated or revoked)");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(
                Caller.apiKey(credential.get().accountId(), credential.get().agentId())));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
