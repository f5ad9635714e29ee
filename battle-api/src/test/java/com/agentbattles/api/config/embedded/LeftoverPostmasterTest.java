package com.agentbattles.api.config.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up clean-up acts on a postmaster of exactly this data directory only (the real one
 * is stopped in ServerCrashRestartIT): a live process that is not one, or a pid file of another
 * directory, is never signalled.
 */
class LeftoverPostmasterTest {

    @TempDir
    Path root;

    private Process bystander;

    @AfterEach
    void stopBystander() {
        if (bystander != null) {
            bystander.destroyForcibly();
        }
    }

    @Test
    void aLiveProcessThatIsNoPostgresOfThisDirectoryIsLeftAloneAndItsStalePidFileRemoved() throws IOException {
        Path pgData = Files.createDirectories(root.resolve("postgres"));
        bystander = new ProcessBuilder("sleep", "300").start();
        writePidFile(pgData, bystander.pid(), pgData);

        assertThat(LeftoverPostmaster.stop(pgData, Duration.ofSeconds(1), Duration.ofSeconds(1))).isEmpty();

        assertThat(bystander.isAlive()).isTrue();
        // PostgreSQL would take the reused pid for a live postmaster and refuse to start
        assertThat(pgData.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aPidFileNamingAnotherDirectoryIsNeverActedOn() throws IOException {
        Path pgData = Files.createDirectories(root.resolve("copy/postgres"));
        Path original = Files.createDirectories(root.resolve("original/postgres"));
        bystander = new ProcessBuilder("sleep", "300").start();
        writePidFile(pgData, bystander.pid(), original);

        assertThat(LeftoverPostmaster.stop(pgData, Duration.ofSeconds(1), Duration.ofSeconds(1))).isEmpty();

        assertThat(bystander.isAlive()).isTrue();
        assertThat(pgData.resolve("postmaster.pid")).exists();
    }

    @Test
    void aStalePidFileIsLeftToPostgres() throws IOException, InterruptedException {
        Path pgData = Files.createDirectories(root.resolve("postgres"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writePidFile(pgData, gone.pid(), pgData);

        assertThat(LeftoverPostmaster.stop(pgData, Duration.ofSeconds(1), Duration.ofSeconds(1))).isEmpty();
        assertThat(pgData.resolve("postmaster.pid")).exists();
    }

    /** The first lines of a PostgreSQL 17 postmaster.pid. */
    private static void writePidFile(Path pgData, long pid, Path dataDirectory) throws IOException {
        Files.writeString(pgData.resolve("postmaster.pid"), pid + "\n" + dataDirectory.toRealPath() + "\n1764600000\n5432\n/tmp\nlocalhost\n  1234     5678\nready   \n");
    }
}
