package com.agentbattles.api.config;

import com.agentbattles.api.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs and Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    static {
        // the caller is resolved from the credentials, never sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
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
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("jwt"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
