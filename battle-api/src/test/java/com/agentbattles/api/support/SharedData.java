package com.agentbattles.api.support;

import java.nio.file.Path;

/** The real Binance files of ../shared/data, located by the property surefire sets (never copied here). */
public final class SharedData {

    private SharedData() {
    }

    /** A file under shared/data, e.g. {@code "binance-futures-um/BTCUSDT-1m-2022-11-09.csv"}. */
    public static Path file(String relative) {
        String shared = System.getProperty("battles.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property battles.shared.dir is not set (surefire sets it)");
        }
        return Path.of(shared, "data", relative);
    }
}
