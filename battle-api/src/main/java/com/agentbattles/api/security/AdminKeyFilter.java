package com.agentbattles.api.security;

import com.agentbattles.api.config.BattlesProperties;
import com.agentbattles.api.web.ErrorResponses;
import com.agentbattles.domain.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /api/v1/admin/**} with {@code X-Admin-Key}. With no admin key configured the
 * operator endpoints do not exist (404), so an unconfigured server exposes nothing.
 */
public class AdminKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Admin-Key";

    private final BattlesProperties properties;
    private final ErrorResponses errors;

    public AdminKeyFilter(BattlesProperties properties, ErrorResponses errors) {
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.adminEnabled()) {
            errors.write(response, ErrorCode.NOT_FOUND, "no such endpoint");
            return;
        }
        String given = request.getHeader(HEADER);
        if (given == null || given.isBlank()) {
            errors.write(response, ErrorCode.AUTHENTICATION_REQUIRED, "X-Admin-Key header is required");
            return;
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), properties.adminKey().getBytes(StandardCharsets.UTF_8))) {
            errors.write(response, ErrorCode.PERMISSION_DENIED, "the admin key is not valid");
            return;
        }
        chain.doFilter(request, response);
    }
}
