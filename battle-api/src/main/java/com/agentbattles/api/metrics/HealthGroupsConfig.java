package com.agentbattles.api.metrics;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /actuator/health} answers for what a node needs to serve, so a load balancer keeps a
 * node whose live price feed is unreachable: historical battles, accounts and every read still
 * work there. The feed has its own group, {@code /actuator/health/feed} (application.yml), which
 * answers 503 while the feed delivers nothing, beside the {@code battles_price_feed_up} meter.
 *
 * <p>Spring Boot's root health endpoint always aggregates every contributor (groups can include
 * and exclude, the root cannot), so this post-processor takes the feed out of the root's
 * membership; every group, liveness and readiness included, is left as configured.
 */
@Configuration(proxyBeanMethods = false)
public class HealthGroupsConfig {

    /** Contributors reported in their own group only: their state must not take the node out of service. */
    static final Set<String> OWN_GROUP_ONLY = Set.of("priceFeed");

    @Bean
    HealthEndpointGroupsPostProcessor feedOutsideOverallHealth() {
        return groups -> {
            Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
            groups.getNames().forEach(name -> named.put(name, groups.get(name)));
            return HealthEndpointGroups.of(new Without(groups.getPrimary(), OWN_GROUP_ONLY), named);
        };
    }

    /** A group as configured, less some members. */
    private record Without(HealthEndpointGroup group, Set<String> excluded) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return !excluded.contains(name) && group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
