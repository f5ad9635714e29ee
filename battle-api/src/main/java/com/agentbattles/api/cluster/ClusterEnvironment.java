package com.agentbattles.api.cluster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns {@code battles.cluster.*} into the settings of Axon's JGroups extension, so an operator
 * names the ring in the project's own terms and nothing else changes when it is not named:
 * <ul>
 *   <li>{@code battles.cluster.members=host:port,host:port,...}: every node of the ring, this one
 *   included (the static TCPPING list, no multicast). Empty or absent: one node, exactly as
 *   before, the JGroups extension stays off;</li>
 *   <li>{@code battles.cluster.bind-port} (7800): the TCP port this node listens on for the ring,
 *   one of the ports of the member list;</li>
 *   <li>{@code battles.cluster.bind-addr} (SITE_LOCAL): the address it listens on, an IP or one of
 *   JGroups' keywords (SITE_LOCAL, GLOBAL, LINK_LOCAL, LOOPBACK);</li>
 *   <li>{@code battles.cluster.name} (agent-battles): nodes only join a ring of the same name.</li>
 * </ul>
 */
public class ClusterEnvironment implements EnvironmentPostProcessor {

    static final String MEMBERS = "battles.cluster.members";
    static final String INITIAL_HOSTS = "battles.cluster.initial_hosts";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> members = members(environment.getProperty(MEMBERS, ""));
        if (members.isEmpty()) {
            return;
        }
        Map<String, Object> axon = new LinkedHashMap<>();
        axon.put("axon.distributed.enabled", "true");
        axon.put("axon.distributed.jgroups.cluster-name", environment.getProperty("battles.cluster.name", "agent-battles"));
        axon.put("axon.distributed.jgroups.bind-port", environment.getProperty("battles.cluster.bind-port", "7800"));
        axon.put("axon.distributed.jgroups.bind-addr", environment.getProperty("battles.cluster.bind-addr", "SITE_LOCAL"));
        axon.put("axon.distributed.jgroups.configuration-file", "battles-jgroups-tcp.xml");
        axon.put("axon.distributed.jgroups.gossip.auto-start", "false");
        environment.getPropertySources().addFirst(new MapPropertySource("battlesCluster", axon));
        // JGroups reads the ${...} of its XML from system properties only
        System.setProperty(INITIAL_HOSTS, initialHosts(members));
        System.setProperty("java.net.preferIPv4Stack", System.getProperty("java.net.preferIPv4Stack", "true"));
    }

    static List<String> members(String property) {
        return Arrays.stream(property.split(",")).map(String::strip).filter(member -> !member.isEmpty()).toList();
    }

    /** {@code a:7800,b:7801} as TCPPING writes it: {@code a[7800],b[7801]}. */
    static String initialHosts(List<String> members) {
        return members.stream().map(member -> {
            int colon = member.lastIndexOf(':');
            if (colon <= 0 || colon == member.length() - 1) {
                throw new IllegalArgumentException(MEMBERS + ": '" + member + "' is not host:port");
            }
            return member.substring(0, colon) + "[" + Integer.parseInt(member.substring(colon + 1)) + "]";
        }).collect(Collectors.joining(","));
    }
}
