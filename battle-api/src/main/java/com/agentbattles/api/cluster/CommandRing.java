package com.agentbattles.api.cluster;

import org.axonframework.commandhandling.distributed.ConsistentHash;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.commandhandling.distributed.Member;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.List;

/**
 * The ring as this node sees it, kept from Axon's consistent-hash updates and shown under
 * {@code /actuator/health} as {@code commandRing}: the members that handle commands now, so an
 * operator (and the multi-node test) sees a node join or leave. A node alone in its ring is still
 * up: it handles every command itself, which is what a ring of one means.
 */
public class CommandRing implements ConsistentHashChangeListener, HealthIndicator {

    private volatile ConsistentHash hash = new ConsistentHash();

    @Override
    public void onConsistentHashChanged(ConsistentHash newConsistentHash) {
        hash = newConsistentHash;
    }

    public List<String> members() {
        return hash.getMembers().stream().map(Member::name).sorted().toList();
    }

    @Override
    public Health health() {
        List<String> members = members();
        return Health.up().withDetail("members", members).withDetail("size", members.size())
                .withDetail("version", hash.version()).build();
    }
}
