package com.agentbattles.api.security;

import com.agentbattles.api.config.BattlesProperties;
import com.agentbattles.api.web.ErrorResponses;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.query.agent.CredentialReadModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;


/**
 * Stateless API security: account JWTs (Authorization: Bearer) through Spring's resource server,
 * agent keys (X-API-Key) through {@link ApiKeyAuthenticationFilter}, operator endpoints behind
 * {@link AdminKeyFilter}. Every refusal is the JSON error of the spec.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, CredentialReadModel credentials, ErrorResponses errors,
                            BattlesProperties properties) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && !authorization.isBlank()) {
                errors.write(response, ErrorCode.INVALID_TOKEN, "the bearer token is invalid or expired");
            } else {
                errors.write(response, ErrorCode.AUTHENTICATION_REQUIRED,
                        "authenticate with Authorization: Bearer <JWT> or X-API-Key");
            }
        };
        AccessDeniedHandler denied = (request, response, e) ->
                errors.write(response, ErrorCode.PERMISSION_DENIED, "not allowed");
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(auth -> auth
                        // a long poll's answer is an async dispatch of a request authorized when it arrived
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login").permitAll()
                        .requestMatchers("/api/v1/admin/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/ws/v1", "/ws/v1/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        // the dashboard's static files: the page signs in itself and calls /api/** with its JWT
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard/**", "/webjars/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(jwt -> {
                        })
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .addFilterBefore(new ApiKeyAuthenticationFilter(credentials, errors), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new AdminKeyFilter(properties, errors), ApiKeyAuthenticationFilter.class)
                .build();
    }
}
