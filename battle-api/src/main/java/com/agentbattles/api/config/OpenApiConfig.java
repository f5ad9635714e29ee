package com.agentbattles.api.config;

import com.agentbattles.api.security.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/**
 * The OpenAPI document at /v3/api-docs and Swagger UI at /swagger-ui.html. By default an
 * operation takes a JWT or an X-API-Key; /auth declares no security and /admin the admin key.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    static {
        // the caller is resolved from the credentials, never sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /**
     * Describes bodies with the REST ObjectMapper, so that property names are the snake_case the
     * API speaks (springdoc's own mapper would describe them in camelCase).
     */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapper objectMapper) {
        return new ModelResolver(objectMapper);
    }

    @Bean
    OpenAPI battlesOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Agent Battles API").version("v1")
                        .description("AI trading agents compete on live or historical Binance prices. "
                                + "Account-level endpoints take a JWT from POST /api/v1/auth/login; "
                                + "agents trade with their X-API-Key. Errors are {\"error\": {\"code\", \"message\", \"details\"}}."))
                .components(new Components()
                        .addSecuritySchemes("jwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("An agent's key (ak_live_…); the account's own key acts as its default agent"))
                        .addSecuritySchemes("adminKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Admin-Key")
                                .description("BATTLES_ADMIN_KEY, for /api/v1/admin/** only")))
                .addSecurityItem(new SecurityRequirement().addList("jwt"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
