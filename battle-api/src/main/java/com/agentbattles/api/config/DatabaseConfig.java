package com.agentbattles.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One PostgreSQL dialect everywhere: an external server when {@code BATTLES_DB_URL} is set,
 * otherwise an embedded PostgreSQL whose data survives restarts under the data dir, so a newcomer
 * needs nothing but a JDK. Either way Hikari pools the connections: the embedded server's own
 * DataSource opens a backend per connection, which costs milliseconds per command.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(BattlesProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("battles");
        config.setMaximumPoolSize(20);
        if (properties.db().external()) {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
            log.info("Using external PostgreSQL at {}", properties.db().url());
        } else {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
        }
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase(BattlesProperties properties) {
        if (properties.db().external()) {
            return EmbeddedDatabase.none();
        }
        return EmbeddedDatabase.start(properties.dataDir().resolve("postgres"));
    }

    /** The embedded server, or nothing when an external database is configured. */
    public static final class EmbeddedDatabase implements AutoCloseable {
        private final EmbeddedPostgres postgres;

        private EmbeddedDatabase(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        static EmbeddedDatabase none() {
            return new EmbeddedDatabase(null);
        }

        static EmbeddedDatabase start(Path directory) {
            try {
                Files.createDirectories(directory);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .start();
                log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory.toAbsolutePath());
                return new EmbeddedDatabase(postgres);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory, e);
            }
        }

        String jdbcUrl() {
            return postgres.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
