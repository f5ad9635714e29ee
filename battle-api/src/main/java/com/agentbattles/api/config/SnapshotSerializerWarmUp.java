package com.agentbattles.api.config;

import com.agentbattles.command.agent.Agent;
import com.agentbattles.command.battle.Battle;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Builds Jackson's readers and writers of the cached aggregates' snapshots while the application
 * starts. Jackson introspects a type the first time it meets it, and a battle's state is a deep graph
 * (floor, sandboxes, standings' trackers): done lazily, that introspection lands in the first command
 * on an aggregate after a restart, which then costs tens of milliseconds more than the load itself.
 * Nothing is read or written here; the snapshots' format does not change.
 */
@Component
class SnapshotSerializerWarmUp implements SmartInitializingSingleton {

    private static final List<Class<?>> SNAPSHOT_TYPES = List.of(Battle.class, Agent.class);

    private final Serializer serializer;

    SnapshotSerializerWarmUp(@Qualifier("serializer") Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (serializer instanceof JacksonSerializer jackson) {
            ObjectMapper mapper = jackson.getObjectMapper();
            for (Class<?> type : SNAPSHOT_TYPES) {
                // readerFor fetches the root deserializer eagerly (EAGER_DESERIALIZER_FETCH), which resolves the graph's
                mapper.readerFor(type);
                mapper.writerFor(type);
            }
        }
    }
}
