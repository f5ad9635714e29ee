package com.agentbattles.api;

import com.agentbattles.api.config.embedded.DataDirLock;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before anything starts: is the embedded database this run would open already held by a live
 * server or command? Then the run is refused in one line instead of failing inside Spring with a
 * page of stack trace. The data dir and database settings are resolved the way the application
 * resolves them (command line, system properties, environment, application.yml).
 */
final class RunningServerCheck {

    /** What a running server offers instead of each command. */
    private static final Map<String, String> THROUGH_THE_SERVER = Map.of(
            "import", "POST /api/v1/admin/candles/import (with X-Admin-Key)",
            "download", "POST /api/v1/admin/candles/import (with X-Admin-Key)",
            "projections", "POST /api/v1/admin/projections/rebuild (with X-Admin-Key)",
            "audit", "GET /api/v1/battles/{id}/audit");

    private RunningServerCheck() {
    }

    /** Why {@code command} cannot run now, or empty when it can. */
    static Optional<String> refusal(List<String> springArguments, String command) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArguments.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        if (!environment.getProperty("battles.db.url", "").isBlank()) {
            return Optional.empty(); // an external database serves any number of processes
        }
        Path dataDir = Path.of(environment.getProperty("battles.data-dir", "data")).toAbsolutePath().normalize();
        return DataDirLock.holder(dataDir).map(holder -> command.equals("serve")
                ? "the embedded database in " + dataDir + " is in use by " + holder
                        + " (a server already running?); stop it first, or give this server another BATTLES_DATA_DIR"
                : "'" + command + "' cannot run beside " + holder + ", which holds the embedded database in " + dataDir
                        + " (a running server?); stop it first"
                        + Optional.ofNullable(THROUGH_THE_SERVER.get(command)).map(api -> ", or use the server's " + api).orElse(""));
    }
}
