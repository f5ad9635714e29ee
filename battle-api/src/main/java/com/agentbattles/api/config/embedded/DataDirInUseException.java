package com.agentbattles.api.config.embedded;

import java.nio.file.Path;

/** Another live process (a server or a command) runs the embedded database of this data dir. */
public class DataDirInUseException extends IllegalStateException {

    private final transient Path dataDir;
    private final String holder;

    DataDirInUseException(Path dataDir, String holder) {
        super("the embedded database in " + dataDir + " is in use by " + holder
                + "; stop it first, or give this process another BATTLES_DATA_DIR");
        this.dataDir = dataDir;
        this.holder = holder;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Who holds it, e.g. "process 1234" (as far as its lock file says). */
    public String holder() {
        return holder;
    }
}
