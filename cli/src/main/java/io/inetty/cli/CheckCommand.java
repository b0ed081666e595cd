package io.inetty.cli;

import io.inetty.protocols.Services;
import io.inetty.server.Endpoint;
import io.inetty.server.Ports;
import io.inetty.server.Service;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inetty check}: speaks one service as a client, checks that the answer is well-formed and prints
 * one line, {@code OK|FAIL <service> <tcp|udp> <address>:<port>: <detail>}, on standard output.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check one service as a client; print one line, OK (exit 0) or FAIL (exit 1).",
            "For a container HEALTHCHECK, a smoke test or a shell. Standard output gets",
            "'OK|FAIL <service> <tcp|udp> <address>:<port>: <detail>'. HOST is a name or a literal,",
            "IPv6 as [::1]:7 or bare ::1 (no port); the port defaults to the service's port plus --port-offset."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:OK: the service answered as its RFC says", "1:FAIL: no answer, or a malformed one",
            "2:bad command line: unknown service, malformed HOST[:PORT], port out of range"})
final class CheckCommand implements Callable<Integer> {
    /** The service did not pass the check. */
    static final int FAIL = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--udp", description = "Check over UDP (default: TCP).")
    boolean udp;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s",
            description = "Deadline of the whole check: resolution, connection and reply. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--tolerance", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "time: largest accepted distance from the local clock. Default: ${DEFAULT-VALUE}.")
    Duration tolerance;

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "${env:INETTY_PORT_OFFSET:-0}",
            description = {"Added to the default port when HOST has no :PORT; also read from INETTY_PORT_OFFSET,",
                "as for serve. Default: ${DEFAULT-VALUE}."})
    int portOffset;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "echo, discard, daytime, qotd, chargen or time.")
    String serviceName;

    @Parameters(index = "1", paramLabel = "HOST[:PORT]", description = "Where the service runs, e.g. localhost:10007.")
    String where;

    @Override
    public Integer call() {
        List<Service> services = Services.all();
        Service service = Services.find(services, serviceName.toLowerCase(Locale.ROOT)).orElseThrow(() -> usage(
                "unknown service '" + serviceName + "' (expected one of: "
                        + services.stream().map(Service::name).collect(Collectors.joining(", ")) + ")"));
        if (timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw usage("--timeout: " + Probe.text(timeout) + " (expected: more than 0, e.g. 500ms or 3s)");
        }
        if (portOffset < 0 || portOffset > Ports.MAX) {
            throw usage("--port-offset: " + portOffset + " (expected: 0-" + Ports.MAX + ")");
        }
        Target target;
        try {
            target = Target.parse(where);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        int port = target.port() != null ? target.port() : service.defaultPort() + portOffset;
        if (port > Ports.MAX) {
            throw usage("--port-offset: " + service.name() + "'s port would be " + port + " (expected: 1-" + Ports.MAX + ")");
        }
        String label = service.name() + " " + (udp ? "udp" : "tcp") + " ";
        String peer = (target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host()) + ":" + port;
        PrintWriter out = spec.commandLine().getOut();
        try {
            Probe probe = new Probe(timeout);
            InetSocketAddress remote = probe.resolve(target, port);
            peer = Endpoint.format(remote);
            String detail = Checks.run(service.name(), udp, probe, tolerance);
            out.println("OK " + label + peer + ": " + detail);
            return ExitCodes.OK;
        } catch (Probe.Failure e) {
            out.println("FAIL " + label + peer + ": " + e.getMessage());
        } catch (RuntimeException e) {
            out.println("FAIL " + label + peer + ": internal error: " + e);
        } finally {
            out.flush();
        }
        return FAIL;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
