package com.agentbattles.marketdata;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Binance files in ../shared/data (never copied into the repository). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String shared = System.getProperty("battles.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property battles.shared.dir is not set (surefire sets it)");
        }
        return Path.of(shared, "data");
    }

    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing shared data file " + p);
        }
        return p;
    }
}
