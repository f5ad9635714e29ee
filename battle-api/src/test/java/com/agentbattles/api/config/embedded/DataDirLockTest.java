package com.agentbattles.api.config.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One process at a time runs a data dir's embedded database (across processes: ServerCrashRestartIT). */
class DataDirLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aHeldDataDirIsRefusedUntilItsHolderLetsGo() throws Exception {
        assertThat(DataDirLock.holder(dataDir)).isEmpty();
        try (DataDirLock held = DataDirLock.acquire(dataDir)) {
            String me = "this process (pid " + ProcessHandle.current().pid() + ")";
            assertThat(DataDirLock.holder(dataDir)).contains(me);
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir)).isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining("in use by " + me);
            // probing did not release the lock (closing a second channel would, on POSIX)
            assertThat(DataDirLock.holder(dataDir)).contains(me);
        }
        assertThat(DataDirLock.holder(dataDir)).isEmpty();
        DataDirLock.acquire(dataDir).close();
    }

    @Test
    void aDataDirThatDoesNotExistYetIsFreeAndNotCreatedByAsking() {
        Path missing = dataDir.resolve("not-yet");
        assertThat(DataDirLock.holder(missing)).isEmpty();
        assertThat(missing).doesNotExist();
    }
}
