package com.agentbattles.marketdata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real embedded PostgreSQL per test JVM, migrated by this module's Flyway scripts and pooled
 * by Hikari (the unpooled embedded DataSource opens a backend per statement).
 */
public final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is ending anyway
                    }
                }));
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
                config.setMaximumPoolSize(4);
                HikariDataSource ds = new HikariDataSource(config);
                Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
                dataSource = ds;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataSource;
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    public static DataSourceTransactionManager transactionManager() {
        return new DataSourceTransactionManager(dataSource());
    }

    public static void clearCandles() {
        jdbc().update("truncate market_candle");
    }
}
