package com.agentbattles.api.live;

import com.agentbattles.api.cluster.ClusterLease;
import com.agentbattles.api.cluster.ClusterNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lease that makes one node of the cluster the live clock ({@code cluster_lease} row {@value #NAME}). */
@Configuration(proxyBeanMethods = false)
public class LiveClockLeaseConfig {

    public static final String NAME = "live-battle-clock";

    @Bean
    ClusterLease liveClockLease(JdbcClient jdbc, ClusterNode node, LiveBattleProperties properties) {
        return new ClusterLease(jdbc, NAME, node.id(), properties.clockLeaseTtl());
    }
}
