package com.agentbattles.api.cli;

import com.agentbattles.api.support.ProjectionRebuilder;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

/** {@code battles projections list|rebuild [name…]}: rebuild read models from the event log. */
@Component
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "List the projections, or rebuild read models by replaying the event log. "
                + "Run it with the server stopped, or use POST /api/v1/admin/projections/rebuild on a running server.")
public class ProjectionsCommand {

    private final ProjectionRebuilder rebuilder;

    public ProjectionsCommand(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @Command(name = "list", description = "List the projections that can be rebuilt.")
    int list() {
        rebuilder.projections().forEach(System.out::println);
        return 0;
    }

    @Command(name = "rebuild", description = "Clear and replay the named projections (all when none is named).")
    int rebuild(@Parameters(arity = "0..*", paramLabel = "NAME", description = "projection names, see 'list'") List<String> names) {
        var report = rebuilder.rebuild(names, progress -> System.out.printf(Locale.ROOT,
                "%s: %d/%d events, %.0f events/s, ETA %s%n", String.join(",", progress.projections()),
                progress.position() + 1, progress.head() + 1, progress.eventsPerSecond(),
                progress.eta() == null ? "-" : progress.eta().toSeconds() + " s"));
        System.out.printf(Locale.ROOT, "rebuilt %s: %d events in %.2f s (%.0f events/s)%n",
                String.join(", ", report.projections()), report.events(), report.seconds(), report.eventsPerSecond());
        return 0;
    }
}
