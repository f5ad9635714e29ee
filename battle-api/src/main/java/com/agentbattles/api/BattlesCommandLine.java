package com.agentbattles.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.objenesis.SpringObjenesis;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point, {@code ./battles [--spring.property=value…] [<command> [its arguments…]]}.
 * {@code serve} (the default) runs the web server; so does a command line of Spring properties
 * alone ({@code java -jar battle-api.jar --server.port=9000}, as Spring Boot users type it). Every
 * other command runs inside a non-web application context, so it uses the same database, event
 * store and services as the server; Spring properties before it configure that context. Commands
 * are Spring beans of the {@code cli} package annotated with picocli's {@link Command}; each one
 * found becomes a subcommand.
 * Help, versions and usage errors are answered from the annotations, without starting anything.
 */
@Command(name = "battles", mixinStandardHelpOptions = true, version = "agent-battles 0.1.0",
        description = "Agent Battles: AI trading agents compete on live or historical Binance prices.",
        subcommands = ServeCommand.class)
public class BattlesCommandLine implements Runnable {

    /** Where the commands live: the help lists them without starting the application. */
    private static final String COMMANDS_PACKAGE = "com.agentbattles.api.cli";

    /** A refusal before the command ran: a message for the user, like picocli's own usage errors. */
    static final int REFUSED = 2;

    public static void main(String[] args) {
        Arguments arguments = Arguments.parse(args);
        if (!arguments.serves()) {
            System.exit(runCommand(args));
        }
        if (arguments.asksForHelp()) {
            System.exit(helpCommandLine().execute(arguments.command().toArray(String[]::new)));
        }
        Optional<String> refusal = RunningServerCheck.refusal(List.of(arguments.serverArguments()), "serve");
        if (refusal.isPresent()) {
            System.err.println("error: " + refusal.get());
            System.exit(REFUSED);
        }
        SpringApplication.run(BattlesApplication.class, arguments.serverArguments());
    }

    /** Runs a non-serve command in a context without a web server and returns its exit code. */
    static int runCommand(String... args) {
        Arguments arguments = Arguments.parse(args);
        List<String> command = arguments.command();
        CommandLine help = helpCommandLine();
        if (command.isEmpty() || arguments.asksForHelp() || !help.getSubcommands().containsKey(command.get(0))) {
            return help.execute(command.toArray(String[]::new));
        }
        Optional<String> refusal = RunningServerCheck.refusal(arguments.springProperties(), command.get(0));
        if (refusal.isPresent()) {
            System.err.println("error: " + refusal.get());
            return REFUSED;
        }
        SpringApplication application = new SpringApplication(BattlesApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        // a command reads and writes the store; it follows no live prices and drives no live battle
        // (the clock and the price relay run only in a server, see LiveBattleClock)
        try (ConfigurableApplicationContext context = application.run(arguments.springPropertiesOver(
                "--logging.level.root=WARN", "--battles.market.feed=none"))) {
            return commandLine(context.getBeansWithAnnotation(Command.class)).execute(command.toArray(String[]::new));
        }
    }

    private static CommandLine commandLine(Map<String, Object> commandBeans) {
        CommandLine commandLine = new CommandLine(new BattlesCommandLine());
        commandBeans.values().forEach(commandLine::addSubcommand);
        // a refused command is a message for the user, not a stack trace
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return REFUSED;
        });
        return commandLine;
    }

    /**
     * Every command of the {@code cli} package, read from its class, for help, versions and usage
     * errors: nothing is started to print them. The instances picocli parses into are made
     * without running a constructor (their collaborators are Spring beans), which is enough for
     * help, and a command that would actually run is never executed from here.
     */
    static CommandLine helpCommandLine() {
        SpringObjenesis objenesis = new SpringObjenesis();
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type.isAnnotationPresent(Component.class) ? objenesis.newInstance(type) : defaults.create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new BattlesCommandLine(), factory);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Command.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        scanner.findCandidateComponents(COMMANDS_PACKAGE).stream()
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), BattlesCommandLine.class.getClassLoader()))
                .filter(type -> type.isAnnotationPresent(Command.class) && type.isAnnotationPresent(Component.class))
                .forEach(commandLine::addSubcommand);
        return commandLine;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * {@code [--spring.property=value…] [command [arguments…]]}: the leading {@code --name[=value]}
     * arguments other than picocli's {@code --help} and {@code --version} are Spring properties.
     */
    record Arguments(List<String> springProperties, List<String> command) {

        static Arguments parse(String[] args) {
            int i = 0;
            while (i < args.length && isSpringProperty(args[i])) {
                i++;
            }
            return new Arguments(List.of(args).subList(0, i), List.of(args).subList(i, args.length));
        }

        private static boolean isSpringProperty(String arg) {
            return arg.startsWith("--") && arg.length() > 2 && !arg.equals("--help") && !arg.equals("--version");
        }

        boolean serves() {
            return command.isEmpty() || command.get(0).equals("serve");
        }

        boolean asksForHelp() {
            return command.stream().anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"));
        }

        /** What the server is started with: the properties before {@code serve} and everything after it. */
        String[] serverArguments() {
            List<String> all = new ArrayList<>(springProperties);
            if (!command.isEmpty()) {
                all.addAll(command.subList(1, command.size()));
            }
            return all.toArray(String[]::new);
        }

        /** The user's properties, and each default whose property the user did not set. */
        String[] springPropertiesOver(String... defaults) {
            List<String> all = new ArrayList<>(springProperties);
            for (String d : defaults) {
                String name = d.substring(0, d.indexOf('=') + 1);
                if (springProperties.stream().noneMatch(p -> p.startsWith(name))) {
                    all.add(d);
                }
            }
            return all.toArray(String[]::new);
        }
    }
}
