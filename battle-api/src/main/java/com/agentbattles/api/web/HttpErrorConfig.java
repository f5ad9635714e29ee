package com.agentbattles.api.web;

import com.agentbattles.domain.error.ErrorCode;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.Set;

/**
 * The errors that happen before a request reaches Spring MVC, in the spec's envelope too: what
 * Tomcat refuses on its own ({@link JsonErrorReportValve}) and what Spring Security's
 * {@code StrictHttpFirewall} rejects (a {@code ;}, an encoded {@code %} or {@code .}, a
 * {@code //}, a backslash, an unknown method). The firewall's rules stay as they are: they stop
 * path-traversal and request-smuggling tricks; only their answer changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class HttpErrorConfig {

    /** The methods StrictHttpFirewall lets through (its defaults); any other is a 405, not a 400. */
    private static final Set<String> FIREWALL_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors(ErrorResponses errors) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            // the host adds the valve named here at start unless one of that class is in place
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            host.getPipeline().addValve(new JsonErrorReportValve(errors));
        });
    }

    /**
     * Spring Security's default firewall, plus: no parameter name or value with a NUL character.
     * Tomcat already refuses a {@code %00} in the path, but not in the query string, and
     * PostgreSQL cannot compare or store a NUL in text. A parameter is checked when it is read
     * (in Spring MVC), so the refusal is answered by {@link ApiExceptionHandler}.
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterNames(name -> name.indexOf('\0') < 0);
        firewall.setAllowedParameterValues(value -> value.indexOf('\0') < 0);
        return firewall;
    }

    /** Spring Security picks up the one bean of this type for its FilterChainProxy. */
    @Bean
    RequestRejectedHandler jsonRequestRejectedHandler(ErrorResponses errors) {
        return (request, response, rejected) -> {
            if (!FIREWALL_METHODS.contains(request.getMethod())) {
                errors.write(response, ErrorCode.METHOD_NOT_ALLOWED, request.getMethod() + " is not supported");
                return;
            }
            // the firewall's reason names what in the client's own URL or headers it refused
            errors.write(response, ErrorCode.MALFORMED_REQUEST, rejected.getMessage());
        };
    }
}
