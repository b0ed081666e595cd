package io.inetty.cli;

import io.inetty.cli.options.DurationConverter;
import io.inetty.cli.options.EnvironmentDefaults;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** The {@code inetty} command: {@code serve}, {@code services}, {@code check} and {@code bench}. */
@Command(name = "inetty", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A fast, safe daemon for the Internet's simple services (RFC 862-868).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:clean run (serve: stopped by SIGTERM/SIGINT and drained; check: OK; bench: no error)",
            "1:unexpected internal error; check: the service failed the check; bench: an error was counted",
            "2:bad command line or configuration: unknown service, malformed spec, port out of range, bad file",
            "3:could not start: name does not resolve (serve, bench), port in use, permission denied",
            "128+N:serve stopped at once by a second signal N (SIGINT 130, SIGTERM 143)"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The subcommands, built on demand: picocli builds a command's whole model (every option, its
     * description, its default) when it is added, so a run builds only the one it was asked for
     * (40 ms of the start of {@code serve}; measured with -Xlog:class+load).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("serve", ServeCommand::new);
        SUBCOMMANDS.put("services", ServicesCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine(args, System.getenv()).execute(args));
    }

    /** The configured command line with every subcommand, reading {@code env} (tests set {@code setOut}/{@code setErr}). */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(new String[0], env);
    }

    /** The command line for {@code args}: only their subcommand if they start with one, else all of them. */
    static CommandLine commandLine(String[] args, Map<String, String> env) {
        CommandLine cmd = new CommandLine(new Main());
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            cmd.addSubcommand(args[0], SUBCOMMANDS.get(args[0]).get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cmd.addSubcommand(name, command.get()));
        }
        // serve reads INETTY_<OPTION> for every option; check and bench only INETTY_PORT_OFFSET (to find serve's
        // ports), not the server's threads or transport.
        cmd.getSubcommands().forEach((name, sub) -> sub.setDefaultValueProvider(name.equals("serve")
                ? EnvironmentDefaults.all(env) : EnvironmentDefaults.only(env, "--port-offset")));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.registerConverter(Duration.class, new DurationConverter());
        Failures failures = new Failures();
        cmd.setParameterExceptionHandler(failures);
        cmd.setExecutionExceptionHandler(failures);
        cmd.setExitCodeExceptionMapper(failures);
        return cmd;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (expected: serve, services, check or bench)");
    }
}
