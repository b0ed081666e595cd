package io.inetty.cli;

import io.inetty.cli.bench.BenchCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

/** The {@code inetty} command: {@code serve}, {@code services}, {@code check} and {@code bench}. */
@Command(name = "inetty", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A fast, safe daemon for the Internet's simple services (RFC 862-868).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:clean run (serve: stopped by SIGTERM/SIGINT and drained; check: OK; bench: no error)",
            "1:unexpected internal error; check: the service failed the check; bench: an error was counted",
            "2:bad command line: unknown service, malformed spec, port out of range, bad file",
            "3:could not start: name does not resolve, port in use, permission denied",
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
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand (also used by tests, with {@code setOut}/{@code setErr}). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command line for {@code args}: only their subcommand if they start with one, else all of them. */
    static CommandLine commandLine(String[] args) {
        CommandLine cmd = new CommandLine(new Main());
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            cmd.addSubcommand(args[0], SUBCOMMANDS.get(args[0]).get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cmd.addSubcommand(name, command.get()));
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler(Main::usageError);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("inetty: internal error: " + e);
            return ExitCodes.SOFTWARE;
        });
        return cmd;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (expected: serve, services, check or bench)");
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"inetty " + (v == null ? "(development build)" : v)};
        }
    }
}
