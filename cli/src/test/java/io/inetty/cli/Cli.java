package io.inetty.cli;

import io.inetty.cli.options.Sources;
import io.inetty.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in the test JVM with a given environment, capturing its exit code and output. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Map<String, String> env;

    Cli() {
        this(Map.of());
    }

    Cli(Map<String, String> env) {
        this.env = env;
    }

    /** Runs {@code inetty <args>}; output accumulates until {@link #clear}. */
    int run(String... args) {
        CommandLine cmd = Main.commandLine(env);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** The configuration {@code inetty serve <args>} would start, without starting it. */
    ServerConfig serve(String... args) {
        CommandLine cmd = Main.commandLine(env);
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = cmd.parseArgs(all);
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        return serve.configure(new Sources(serve.spec)).config();
    }

    /** The one line of standard error. */
    String errLine() {
        String e = err.toString().strip();
        if (e.lines().count() != 1 || e.contains("\tat ")) {
            throw new AssertionError("expected one line on stderr, got: " + e);
        }
        return e;
    }

    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
