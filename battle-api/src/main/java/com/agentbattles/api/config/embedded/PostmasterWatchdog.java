package com.agentbattles.api.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Takes the embedded PostgreSQL down when this JVM dies without running its shutdown hooks
 * (kill -9, an OOM kill).
 *
 * <p>The postmaster cannot follow the JVM by itself: zonky starts it through {@code pg_ctl},
 * which daemonizes it (it is reparented to init at once, so the parent-death signal of Linux does
 * not apply), and PostgreSQL watches for the death of its own postmaster only, not of whoever
 * started it. zonky's shutdown hook covers an orderly exit only. So a tiny {@code sh} child waits
 * on a pipe from this JVM: the kernel closes the JVM's end when the JVM ends, however it ends,
 * and the child then asks the postmaster for a fast shutdown (SIGINT), provided the
 * {@code postmaster.pid} of our data directory still names that pid, so it never touches a
 * postmaster a later start has put there, nor any other. The child ignores hang-up and interrupt
 * signals (a closed terminal, Ctrl-C to the process group), so it outlives the JVM by design and
 * ends right after it. Should the child die too (the whole process tree killed), the next start
 * stops the orphan ({@link LeftoverPostmaster}).
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostmasterWatchdog.class);

    private static final String SCRIPT = """
            trap '' HUP INT TERM QUIT
            cat > /dev/null
            [ "$(head -n 1 "$1/postmaster.pid" 2>/dev/null)" = "$2" ] && kill -INT "$2"
            exit 0
            """;

    private final Process child;

    private PostmasterWatchdog(Process child) {
        this.child = child;
    }

    /** Starts watching; null where there is no POSIX shell (then only the next start cleans up). */
    static PostmasterWatchdog start(Path pgDataDir, long postmasterPid) {
        try {
            Process child = new ProcessBuilder("sh", "-c", SCRIPT, "postmaster-watchdog",
                    pgDataDir.toAbsolutePath().toString(), Long.toString(postmasterPid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            log.debug("PostgreSQL {} watched by process {}", postmasterPid, child.pid());
            return new PostmasterWatchdog(child);
        } catch (IOException e) {
            log.info("No watchdog for the embedded PostgreSQL ({}); a crash leaves it to the next start to stop", e.getMessage());
            return null;
        }
    }

    long pid() {
        return child.pid();
    }

    /** After the postmaster stopped: the child finds no pid file and ends. */
    @Override
    public void close() {
        try {
            child.getOutputStream().close();
            if (!child.waitFor(5, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (IOException e) {
            child.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }
}
