package io.inetty.cli;

import io.inetty.cli.options.EnvironmentDefaults;
import io.inetty.cli.options.Sources;
import io.inetty.server.InettyException;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failure of any command becomes its exit code and one line on standard error, naming
 * what the user typed: a bad command line or configuration is 2, an {@link InettyException} ("could not start":
 * a bind, a name, a transport, a refused connection) is 3, anything else is a bug, 1.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler, IExitCodeExceptionMapper {
    /** picocli's "Invalid value for option '--service' (SPEC): ", to be replaced by "--service: ". */
    private static final Pattern INVALID = Pattern.compile("Invalid value for option '([^']+)'(?: \\([^)]*\\))?: ");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + message(e) + " (see '" + name + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String message = e instanceof InettyException ? new Sources(cmd.getCommandSpec()).rename(e.getMessage())
                : "internal error (a bug, please report it): " + e;
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        cmd.getErr().flush();
        return getExitCode(e);
    }

    @Override
    public int getExitCode(Throwable t) {
        return t instanceof ParameterException ? ExitCodes.USAGE
                : t instanceof InettyException ? ExitCodes.START_FAILED : ExitCodes.SOFTWARE;
    }

    /** picocli's message, with the option (or the variable its value came from) first. */
    private static String message(ParameterException e) {
        String m = e.getMessage();
        if (!(e.getArgSpec() instanceof OptionSpec)) {
            return m;
        }
        OptionSpec option = (OptionSpec) e.getArgSpec();
        Object provider = e.getCommandLine().getCommandSpec().defaultValueProvider();
        String variable = provider instanceof EnvironmentDefaults d ? d.variableOf(option) : null;
        if (variable != null && option.typeInfo().isBoolean()) {
            return variable + ": '" + e.getValue() + "' (expected: " + EnvironmentDefaults.booleanValues() + ")";
        }
        Matcher invalid = INVALID.matcher(m);
        return invalid.lookingAt() ? (variable != null ? variable : invalid.group(1)) + ": " + m.substring(invalid.end())
                : m;
    }
}
