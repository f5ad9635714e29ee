package com.agentbattles.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.Map;

/**
 * The one entry point, {@code ./battles <command>}. {@code serve} (the default) runs the web
 * server; every other command runs inside a non-web application context, so it uses the same
 * database, event store and services as the server. Commands are Spring beans annotated with
 * picocli's {@link Command}; each one found becomes a subcommand.
 */
@Command(name = "battles", mixinStandardHelpOptions = true, version = "agent-battles 0.1.0",
        description = "Agent Battles: AI trading agents compete on live or historical Binance prices.",
        subcommands = ServeCommand.class)
public class BattlesCommandLine implements Runnable {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            if (args.length > 1 && Arrays.asList(args).contains("--help")) {
                System.exit(new CommandLine(new BattlesCommandLine()).execute(args));
            }
            SpringApplication.run(BattlesApplication.class, args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(runCommand(args));
    }

    /** Runs a non-serve command in a context without a web server and returns its exit code. */
    static int runCommand(String[] args) {
        if (args[0].startsWith("-")) {
            return commandLine(Map.of()).execute(args);
        }
        SpringApplication application = new SpringApplication(BattlesApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        // a command reads and writes the store; it follows no live prices and drives no live battle
        // (the clock and the price relay run only in a server, see LiveBattleClock)
        try (ConfigurableApplicationContext context = application.run("--spring.main.log-startup-info=false",
                "--logging.level.root=WARN", "--battles.market.feed=none")) {
            return commandLine(context.getBeansWithAnnotation(Command.class)).execute(args);
        }
    }

    private static CommandLine commandLine(Map<String, Object> commandBeans) {
        CommandLine commandLine = new CommandLine(new BattlesCommandLine());
        commandBeans.values().forEach(commandLine::addSubcommand);
        // a refused command is a message for the user, not a stack trace
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return commandLine;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
