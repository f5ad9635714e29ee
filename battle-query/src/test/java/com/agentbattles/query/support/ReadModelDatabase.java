package com.agentbattles.query.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One embedded PostgreSQL for every projection test of the module, started on first use, with
 * the read-model schema made by Flyway from this module's migrations, the way the server makes it.
 * Hikari pools the connections, as in the server (the embedded server's own DataSource opens a
 * backend per connection).
 */
public final class ReadModelDatabase {

    private static DataSource dataSource;

    private ReadModelDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            dataSource = start();
        }
        return dataSource;
    }

    /** Empties every read-model table, so that each test starts from an empty read side. */
    public static void clear() {
        JdbcClient jdbc = JdbcClient.create(dataSource());
        List<String> tables = tables(jdbc);
        if (!tables.isEmpty()) {
            jdbc.sql("TRUNCATE " + String.join(", ", tables)).update();
        }
    }

    /** The tables the migrations made, without Flyway's history. */
    public static List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                            AND table_name <> 'flyway_schema_history'
                        ORDER BY table_name""")
                .query(String.class).list();
    }

    private static DataSource start() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("projection-tests");
        config.setMaximumPoolSize(8);
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        HikariDataSource pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pool.close();
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is going away; the temporary data directory goes with the process
            }
        }, "embedded-postgres-stop"));
        return pool;
    }
}
