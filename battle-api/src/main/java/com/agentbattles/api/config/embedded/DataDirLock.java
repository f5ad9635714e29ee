package com.agentbattles.api.config.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The claim of one process on a data dir's embedded database: an OS file lock on
 * {@code <data-dir>/postgres.lock}, holding the owner's pid. The operating system drops the lock
 * when its process ends, however it ends (kill -9 included), so "the lock is free" means exactly
 * "no live server or command uses this database", and a postmaster still running there is an
 * orphan of a dead one (see {@link LeftoverPostmaster}).
 */
public final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "postgres.lock";

    /**
     * Lock files this JVM holds. On POSIX systems closing any channel of a file drops every lock
     * the process has on it, so this JVM never opens a second channel on a file it holds (tests run
     * several servers in one JVM).
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims the data dir for this process, or throws {@link DataDirInUseException}. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = lockFile(dataDir);
        if (!HELD_HERE.add(file)) {
            throw new DataDirInUseException(dataDir.toAbsolutePath(), "this process (pid " + ProcessHandle.current().pid() + ")");
        }
        try {
            FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = describeHolder(channel);
                channel.close();
                HELD_HERE.remove(file);
                throw new DataDirInUseException(dataDir.toAbsolutePath(), holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirLock(file, channel, lock);
        } catch (IOException e) {
            HELD_HERE.remove(file);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** Who holds the data dir right now, if anyone: "process 1234"; empty when it is free. */
    public static Optional<String> holder(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return Optional.empty(); // no such data dir yet: nobody uses it
        }
        Path file = lockFile(dataDir);
        if (HELD_HERE.contains(file)) {
            return Optional.of("this process (pid " + ProcessHandle.current().pid() + ")");
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(describeHolder(channel));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path lockFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return dataDir.toRealPath().resolve(FILE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data dir " + dataDir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String describeHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "another process" : "process " + pid;
        } catch (IOException e) {
            return "another process";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
