package com.agentbattles.api.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What keeps the embedded PostgreSQL of a data dir tied to one live process: the data dir's
 * {@link DataDirLock} for as long as the database runs, a {@link LeftoverPostmaster} check before
 * it starts, and a {@link PostmasterWatchdog} once it runs.
 */
public final class EmbeddedPostgresProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresProcess.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
    private static final Duration KILL = Duration.ofSeconds(10);

    private final DataDirLock lock;
    private final Path pgDataDir;
    private PostmasterWatchdog watchdog;

    private EmbeddedPostgresProcess(DataDirLock lock, Path pgDataDir) {
        this.lock = lock;
        this.pgDataDir = pgDataDir;
    }

    /**
     * Claims {@code dataDir} for this process (or throws {@link DataDirInUseException}) and stops
     * a postmaster a crashed predecessor left in {@code pgDataDir}: with the claim held, nobody
     * alive owns it.
     */
    public static EmbeddedPostgresProcess claim(Path dataDir, Path pgDataDir) {
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            Files.createDirectories(pgDataDir);
            LeftoverPostmaster.stop(pgDataDir, FAST_SHUTDOWN, KILL)
                    .ifPresent(pid -> log.info("The PostgreSQL {} left by a previous run has stopped", pid));
            return new EmbeddedPostgresProcess(lock, pgDataDir);
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("cannot create " + pgDataDir, e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    /** Once the postmaster runs: it goes down with this JVM, however the JVM ends. */
    public void watch() {
        PostmasterPidFile.read(pgDataDir).ifPresent(file -> watchdog = PostmasterWatchdog.start(pgDataDir, file.pid()));
    }

    /** After the postmaster stopped: ends the watchdog and gives up the claim. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
        closeQuietly(lock);
    }

    private static void closeQuietly(DataDirLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("cannot release {}", DataDirLock.FILE_NAME, e);
        }
    }
}
