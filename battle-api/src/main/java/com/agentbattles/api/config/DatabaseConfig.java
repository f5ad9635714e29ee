package com.agentbattles.api.config;

import com.agentbattles.api.config.embedded.EmbeddedPostgresProcess;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One PostgreSQL dialect everywhere: an external server when {@code BATTLES_DB_URL} is set,
 * otherwise an embedded PostgreSQL whose data survives restarts under the data dir, so a newcomer
 * needs nothing but a JDK. Either way Hikari pools the connections: the embedded server's own
 * DataSource opens a backend per connection, which costs milliseconds per command. The embedded
 * server belongs to one process at a time and goes down with it ({@link EmbeddedPostgresProcess}).
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
        return EmbeddedDatabase.start(properties.dataDir());
    }

    /** The embedded server, or nothing when an external database is configured. */
    public static final class EmbeddedDatabase implements AutoCloseable {
        private final EmbeddedPostgres postgres;
        private final EmbeddedPostgresProcess process;

        private EmbeddedDatabase(EmbeddedPostgres postgres, EmbeddedPostgresProcess process) {
            this.postgres = postgres;
            this.process = process;
        }

        static EmbeddedDatabase none() {
            return new EmbeddedDatabase(null, null);
        }

        /** Claims the data dir, stops what a crashed run left running there, then starts PostgreSQL. */
        static EmbeddedDatabase start(Path dataDir) {
            Path directory = dataDir.toAbsolutePath().resolve("postgres");
            EmbeddedPostgresProcess process = EmbeddedPostgresProcess.claim(dataDir, directory);
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .start();
                process.watch();
                log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
                return new EmbeddedDatabase(postgres, process);
            } catch (IOException | RuntimeException e) {
                process.close();
                throw new IllegalStateException("cannot start the embedded PostgreSQL in " + directory, e);
            }
        }

        String jdbcUrl() {
            return postgres.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                try {
                    postgres.close();
                } finally {
                    process.close();
                }
            }
        }
    }
}
