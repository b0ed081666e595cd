package io.inetty.cli;

import io.inetty.cli.check.Checks;
import io.inetty.cli.check.Probe;
import io.inetty.cli.check.ServiceCheck;
import io.inetty.cli.options.PortOffsetOption;
import io.inetty.cli.options.Sources;
import io.inetty.cli.options.Target;
import io.inetty.cli.options.TargetOptions;
import io.inetty.server.Endpoint;
import io.inetty.server.Service;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inetty check}: speaks one service as a client, checks that the answer is well-formed and prints one line,
 * {@code OK|FAIL <service> <tcp|udp> <address>:<port>: <detail>}, on standard output.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = "io.inetty.cli.Help",
        description = {"Check one service as a client; print one line, OK (exit 0) or FAIL (exit 1).",
            "For a container HEALTHCHECK, a smoke test or a shell. Standard output gets"
                + " 'OK|FAIL <service> <tcp|udp> <address>:<port>: <detail>'; a name that does not resolve is a FAIL."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:OK: the service answered as its RFC says", "1:FAIL: no answer, or a malformed one",
            "2:bad command line: unknown service, malformed HOST[:PORT], port out of range"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin TargetOptions target = new TargetOptions();
    @Option(names = "--udp", descriptionKey = "check.udp") boolean udp;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s") Duration timeout;
    @Option(names = "--tolerance", paramLabel = "DURATION", defaultValue = "5s") Duration tolerance;
    @Mixin PortOffsetOption portOffset = new PortOffsetOption();

    @Override
    public Integer call() {
        Sources sources = new Sources(spec);
        Service service = target.service(sources);
        ServiceCheck check = Checks.of(service.name()).orElseThrow(() -> sources.usage("no check for service '"
                + service.name() + "' yet (checks exist for: " + String.join(", ", Checks.names()) + ")"));
        if (timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw sources.usage("--timeout: " + Probe.text(timeout) + " (expected: more than 0, e.g. 500ms or 3s)");
        }
        Target where = target.target(sources);
        int port = target.port(service, portOffset, sources);
        PrintWriter out = spec.commandLine().getOut();
        sources.environmentWarnings().forEach(w -> spec.commandLine().getErr().println("inetty check: warning: " + w));
        String label = service.name() + " " + (udp ? "udp" : "tcp") + " ";
        String peer = where.withPort(port);
        try {
            Probe probe = new Probe(timeout, tolerance);
            peer = Endpoint.format(probe.resolve(where, port));
            out.println("OK " + label + peer + ": " + (udp ? check.udp(probe) : check.tcp(probe)));
            return ExitCodes.OK;
        } catch (Probe.Failure e) {
            out.println("FAIL " + label + peer + ": " + e.getMessage());
        } finally {
            out.flush();
        }
        return ExitCodes.CHECK_FAILED;
    }
}
