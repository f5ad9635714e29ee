package com.agentbattles.api.eventstore;

import com.agentbattles.api.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wake-up of the event streams on the real server and its PostgreSQL: an append is heard
 * through the database (the trigger's notification reaches the listening connection, as it would
 * reach every other node), and a listening connection that the server kills is replaced.
 */
class AppendNotificationsIntegrationTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    AppendNotifications notifications;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAppendIsHeardThroughTheDatabase() throws Exception {
        await().atMost(PATIENCE).until(notifications::listening);
        AtomicInteger heard = new AtomicInteger();
        try (AutoCloseable subscription = notifications.subscribe(heard::incrementAndGet)) {
            register("notified");  // appends AccountRegistered and AgentCreated from another connection
            await().atMost(PATIENCE).until(() -> heard.get() > 0);
        }
    }

    @Test
    void aLostListeningConnectionIsReplacedAndAppendsAreHeardAgain() throws Exception {
        await().atMost(PATIENCE).until(notifications::listening);
        List<Integer> before = listenerBackends();
        assertThat(before).hasSize(1);

        jdbc.sql("SELECT pg_terminate_backend(?)").param(before.get(0)).query(Boolean.class).single();

        await().atMost(PATIENCE).until(() -> notifications.listening()
                && listenerBackends().size() == 1 && !listenerBackends().equals(before));
        AtomicInteger heard = new AtomicInteger();
        try (AutoCloseable subscription = notifications.subscribe(() -> {
            if (notifications.listening()) {
                heard.incrementAndGet();
            }
        })) {
            register("notified-again");
            await().atMost(PATIENCE).until(() -> heard.get() > 0);
        }
    }

    private List<Integer> listenerBackends() {
        return jdbc.sql("SELECT pid FROM pg_stat_activity WHERE application_name = 'battles-event-listener'")
                .query(Integer.class).list();
    }
}
