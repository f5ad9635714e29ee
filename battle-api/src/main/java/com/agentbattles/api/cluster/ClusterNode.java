package com.agentbattles.api.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This node's name among the nodes on one database ({@code battles.cluster.node-id}): the owner
 * of the leases it holds. By default the JVM's pid@host and a random suffix, so that a restarted
 * node is a new owner.
 */
@Component
public class ClusterNode {

    private final String id;

    public ClusterNode(@Value("${battles.cluster.node-id:}") String configured) {
        this.id = configured.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8)
                : configured;
    }

    public String id() {
        return id;
    }
}
