package com.agentbattles.api.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells this node's event streams the moment any node appends events. Every transaction that
 * inserts into {@code domain_event_entry} sends {@value #CHANNEL} at its commit (a trigger,
 * V30__notify_event_appended.sql); this component LISTENs on a connection of its own, outside the
 * pool, and wakes every subscriber for each notification. Without it a pooled processor looks for
 * new events only every 500 ms (docs/benchmarks.md).
 *
 * <p>Nothing may be missed when the connection is gone: until it is back the subscribers are
 * woken every {@link #POLL_INTERVAL} (the old poll), a reconnect wakes them once for what was
 * appended meanwhile, and a connection silent for {@link #CHECK_AFTER} is checked, so that a dead
 * peer is noticed.
 */
@Component
public class AppendNotifications implements SmartLifecycle {

    static final String CHANNEL = "domain_event_appended";
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration CHECK_AFTER = Duration.ofSeconds(10);
    private static final int WAIT_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(AppendNotifications.class);

    private final HikariDataSource dataSource;
    private final Set<Runnable> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;
    private volatile ScheduledExecutorService fallback;

    public AppendNotifications(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code subscriber} (on the listener's thread, so it must be quick) after each append; close to stop. */
    public AutoCloseable subscribe(Runnable subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Runs {@code task} once after {@code delayNanos} (on the poll's thread, so it must be quick). */
    void later(Runnable task, long delayNanos) {
        ScheduledExecutorService timer = fallback;
        try {
            if (timer != null) {
                timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // shutting down: nobody reads any more
        }
    }

    /** Whether appends are being heard now (otherwise the subscribers are polled). */
    public boolean listening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        running = true;
        fallback = Executors.newSingleThreadScheduledExecutor(daemon("event-append-poll"));
        fallback.scheduleWithFixedDelay(() -> {
            if (!listening) {
                wakeSubscribers();
            }
        }, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        listener = daemon("event-append-listener").newThread(this::listen);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        listening = false;
        if (fallback != null) {
            fallback.shutdownNow();
        }
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the event processors (which start late), so that their first streams are woken. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                log.debug("listening for appended events on {}", CHANNEL);
                wakeSubscribers(); // whatever was appended while nobody listened
                awaitNotifications(connection);
            } catch (SQLException e) {
                if (running) {
                    log.warn("not hearing appended events ({}); polling every {} ms until the connection is back",
                            e.getMessage(), POLL_INTERVAL.toMillis());
                }
            } finally {
                listening = false;
            }
            pauseBeforeReconnect();
        }
    }

    private void awaitNotifications(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long silentSince = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                wakeSubscribers();
                silentSince = System.nanoTime();
            } else if (System.nanoTime() - silentSince > CHECK_AFTER.toNanos()) {
                if (!connection.isValid(2)) {
                    throw new SQLException("the listening connection does not answer");
                }
                silentSince = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (dataSource.getUsername() != null) {
            properties.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            properties.setProperty("password", dataSource.getPassword());
        }
        properties.setProperty("ApplicationName", "battles-event-listener");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    private void pauseBeforeReconnect() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis()); // a retry pace, not a wait for something to happen
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void wakeSubscribers() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                log.warn("an append subscriber failed", e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
