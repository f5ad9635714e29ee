package com.agentbattles.api.config.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} a running PostgreSQL keeps in its data directory: its pid on the
 * first line, its data directory (absolute) on the second, its port on the fourth. It stays behind
 * when the postmaster itself was killed.
 */
record PostmasterPidFile(long pid, Path dataDirectory, int port) {

    static final String FILE_NAME = "postmaster.pid";

    static Optional<PostmasterPidFile> read(Path pgDataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(pgDataDir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pgDataDir.resolve(FILE_NAME), e);
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = lines.size() > 3 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).strip()) : -1;
            return Optional.of(new PostmasterPidFile(pid, Path.of(lines.get(1).strip()), port));
        } catch (RuntimeException e) {
            // half-written by a postmaster that is starting or was killed while writing it
            return Optional.empty();
        }
    }
}
