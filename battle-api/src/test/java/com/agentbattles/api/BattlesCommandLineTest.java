package com.agentbattles.api;

import com.agentbattles.api.config.embedded.DataDirLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ./battles …} arguments are split between the server, Spring and the commands. */
class BattlesCommandLineTest {

    @TempDir
    Path dataDir;

    @Test
    void springPropertiesAloneServeAsSpringBootUsersTypeThem() {
        var alone = BattlesCommandLine.Arguments.parse(new String[]{"--server.port=9000", "--battles.admin-key=k"});
        assertThat(alone.serves()).isTrue();
        assertThat(alone.serverArguments()).containsExactly("--server.port=9000", "--battles.admin-key=k");

        var beforeServe = BattlesCommandLine.Arguments.parse(new String[]{"--server.port=9000", "serve", "--debug"});
        assertThat(beforeServe.serves()).isTrue();
        assertThat(beforeServe.serverArguments()).containsExactly("--server.port=9000", "--debug");

        assertThat(BattlesCommandLine.Arguments.parse(new String[0]).serves()).isTrue();
    }

    @Test
    void propertiesBeforeACommandConfigureItsContextAndHelpIsPicocliOwn() {
        var command = BattlesCommandLine.Arguments.parse(new String[]{"--battles.data-dir=/x", "import", "--symbol", "BTCUSDT", "f.csv"});
        assertThat(command.serves()).isFalse();
        assertThat(command.springProperties()).containsExactly("--battles.data-dir=/x");
        assertThat(command.command()).containsExactly("import", "--symbol", "BTCUSDT", "f.csv");
        assertThat(command.springPropertiesOver("--logging.level.root=WARN", "--battles.data-dir=/default"))
                .containsExactly("--battles.data-dir=/x", "--logging.level.root=WARN");

        var help = BattlesCommandLine.Arguments.parse(new String[]{"--help"});
        assertThat(help.serves()).isFalse();
        assertThat(help.command()).containsExactly("--help");
    }

    @Test
    void helpListsEveryCommandWithoutStartingAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BattlesCommandLine.runCommand("--help");
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "import", "download", "projections", "audit");
    }

    @Test
    void aCommandIsRefusedInOneLineWhileTheDataDirIsHeld() throws Exception {
        try (DataDirLock held = DataDirLock.acquire(dataDir)) {
            assertThat(RunningServerCheck.refusal(List.of("--battles.data-dir=" + dataDir, "--battles.db.url="), "import"))
                    .hasValueSatisfying(message -> assertThat(message)
                            .startsWith("'import' cannot run beside this process (pid " + ProcessHandle.current().pid() + ")")
                            .contains("POST /api/v1/admin/candles/import")
                            .doesNotContain("\n"));
            assertThat(RunningServerCheck.refusal(List.of("--battles.data-dir=" + dataDir,
                    "--battles.db.url=jdbc:postgresql://db/battles"), "import")).as("an external database is shared").isEmpty();
        }
        assertThat(RunningServerCheck.refusal(List.of("--battles.data-dir=" + dataDir, "--battles.db.url="), "import")).isEmpty();
    }
}
