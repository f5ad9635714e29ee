package com.agentbattles.api.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops the PostgreSQL a dead server left running in its data directory (a kill -9, an OOM kill),
 * so the next start does not fail on "lock file postmaster.pid already exists". Only call it while
 * holding the data dir's {@link DataDirLock}: then no live server or command owns that postmaster.
 * A process is stopped only when it is verifiably a postgres serving exactly this directory; a pid
 * file naming another directory (a copied data dir), a pid now used by another program, or a
 * process that cannot be inspected is never signalled.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** Stops the orphaned postmaster of {@code pgDataDir}, if there is one; returns its pid. */
    static Optional<Long> stop(Path pgDataDir, Duration fastShutdownDeadline, Duration killDeadline) {
        Path directory = realPath(pgDataDir);
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(directory);
        if (pidFile.isEmpty()) {
            return Optional.empty();
        }
        PostmasterPidFile file = pidFile.get();
        if (!realPath(file.dataDirectory()).equals(directory)) {
            log.warn("{} names the data directory {}, not this one: leaving process {} alone",
                    directory.resolve(PostmasterPidFile.FILE_NAME), file.dataDirectory(), file.pid());
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(file.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty(); // a stale file: PostgreSQL replaces it itself
        }
        Identity identity = identify(process.get(), directory);
        if (identity == Identity.UNKNOWN) {
            // the file is PostgreSQL's interlock against two postmasters on one directory: keep it
            log.warn("Cannot tell what process {} of {} is; leaving it and the file to PostgreSQL",
                    file.pid(), directory.resolve(PostmasterPidFile.FILE_NAME));
            return Optional.empty();
        }
        if (identity == Identity.SOMETHING_ELSE) {
            // the pid was reused by another program; PostgreSQL would take it for a live postmaster
            log.warn("Removing the stale {}: process {} is not a postgres of this directory",
                    PostmasterPidFile.FILE_NAME, file.pid());
            deleteStalePidFile(directory);
            return Optional.empty();
        }
        log.warn("Stopping the PostgreSQL (pid {}, port {}) that a previous run left running in {}",
                file.pid(), file.port(), directory);
        ProcessHandle postmaster = process.get();
        requestFastShutdown(postmaster);
        if (!exited(postmaster, fastShutdownDeadline)) {
            log.warn("PostgreSQL {} did not shut down within {}; killing it", file.pid(), fastShutdownDeadline);
            postmaster.destroyForcibly();
            if (!exited(postmaster, killDeadline)) {
                throw new IllegalStateException("cannot stop the PostgreSQL (pid " + file.pid() + ") left running in " + directory);
            }
        }
        return Optional.of(file.pid());
    }

    /** What a live process named by our postmaster.pid is. */
    enum Identity { OUR_POSTMASTER, SOMETHING_ELSE, UNKNOWN }

    /**
     * Our postmaster is a postgres executable whose working directory is {@code directory} (the
     * postmaster changes into its data directory; Linux shows it in /proc), or, where /proc is
     * missing, one started with {@code -D directory} (the embedded database is always given an
     * absolute path). UNKNOWN when the process cannot be inspected (another user's, a restricted /proc).
     */
    static Identity identify(ProcessHandle process, Path directory) {
        ProcessHandle.Info info = process.info();
        if (info.command().isEmpty()) {
            return Identity.UNKNOWN;
        }
        String name = Path.of(info.command().get()).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postgres.exe")) {
            return Identity.SOMETHING_ELSE;
        }
        if (Files.exists(Path.of("/proc/self/cwd"))) {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).equals(directory)
                        ? Identity.OUR_POSTMASTER : Identity.SOMETHING_ELSE;
            } catch (IOException e) {
                return Identity.UNKNOWN;
            }
        }
        if (info.arguments().isEmpty()) {
            return Identity.UNKNOWN;
        }
        List<String> arguments = List.of(info.arguments().get());
        int d = arguments.indexOf("-D");
        return d >= 0 && d + 1 < arguments.size() && realPath(Path.of(arguments.get(d + 1))).equals(directory)
                ? Identity.OUR_POSTMASTER : Identity.SOMETHING_ELSE;
    }

    /** SIGINT, PostgreSQL's fast shutdown (clients disconnected, a clean checkpoint); SIGTERM where kill is missing. */
    private static void requestFastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1) here (Windows): fall back to what Java can send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    private static boolean exited(ProcessHandle process, Duration deadline) {
        try {
            process.onExit().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void deleteStalePidFile(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(PostmasterPidFile.FILE_NAME));
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the stale " + directory.resolve(PostmasterPidFile.FILE_NAME), e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
