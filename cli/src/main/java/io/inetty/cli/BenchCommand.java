package io.inetty.cli.bench;

import io.inetty.cli.DurationConverter;
import io.inetty.cli.ExitCodes;
import io.inetty.cli.SizeConverter;
import io.inetty.server.InettyException;
import io.inetty.server.IoTransport;
import io.inetty.server.Ports;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inetty bench SERVICE HOST[:PORT]}: a load generator for echo, discard and chargen that checks every
 * byte, in the spirit of iperf and redis-benchmark. Progress goes to standard error once a second; the summary
 * (or one JSON object) to standard output. Exit status 0 without errors, 1 if any error was counted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load-test an echo, discard or chargen server, checking every byte.",
            "Modes: echo: pingpong (default), stream, churn, or pingpong over --udp; discard: sink; chargen: source.",
            "Runs --warmup then --duration and stops by itself. Progress goes to standard error each second,",
            "the summary (or with --json one JSON object) to standard output.",
            "Exit status: 0 no error, 1 errors counted, 2 bad command line, 3 could not start."})
public final class BenchCommand implements Callable<Integer> {
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\](?::([0-9]+))?");
    private static final int MAX_TCP_SIZE = 1 << 20;
    private static final int MAX_UDP_SIZE = 65507;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "echo, discard or chargen.")
    String service;

    @Parameters(index = "1", paramLabel = "HOST[:PORT]",
            description = "Server address or name, e.g. 127.0.0.1, localhost:10007, [::1]:7. Default port: the service's plus --port-offset.")
    String target;

    @Option(names = "--udp", description = "UDP instead of TCP (echo pingpong only).")
    boolean udp;

    @Option(names = "--mode", paramLabel = "pingpong|stream|churn|sink|source",
            description = "Default: pingpong for echo, sink for discard, source for chargen.")
    Mode mode;

    @Option(names = {"-c", "--connections"}, paramLabel = "N", defaultValue = "1",
            description = "Connections (churn: concurrent workers; UDP: sockets). Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--size", paramLabel = "BYTES", converter = SizeConverter.class,
            description = "Message bytes (pingpong, churn: 64) or chunk bytes (stream, sink: 16k).")
    Long size;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "10s", description = "Measurement window. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Load before the window, excluded from the results. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = {"Pingpong: N messages/s in all on a fixed timetable; latency is measured from each",
                "scheduled send (no coordinated omission). 0 = as fast as possible. Default: ${DEFAULT-VALUE}."})
    long rate;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Client event loops; 0 = one per CPU (at most one per connection). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--transport", paramLabel = "auto|epoll|io_uring|nio", defaultValue = "auto",
            description = "Client I/O transport. Default: ${DEFAULT-VALUE}.")
    IoTransport transport;

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
            description = "Added to the service's default port when HOST has no port. Default: ${DEFAULT-VALUE}.")
    int portOffset;

    @Option(names = "--json", description = "Print one JSON object instead of the text summary.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
        BenchConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Result result;
        try {
            result = new Bench(config).run(quiet ? null : err);
        } catch (CannotStartException | InettyException e) {
            err.println("inetty bench: " + e.getMessage());
            err.flush();
            return ExitCodes.START_FAILED;
        }
        out.print(json ? result.json() + System.lineSeparator() : result.text());
        out.flush();
        return result.errors == 0 ? ExitCodes.OK : ExitCodes.BENCH_ERRORS;
    }

    /** Validates the command line into a run; bad input is a usage error, a name that does not resolve too. */
    BenchConfig config() {
        Mode defaultMode = Mode.defaultFor(service);
        if (defaultMode == null) {
            throw usage("unknown service '" + service + "' (expected: echo, discard or chargen)");
        }
        Mode m = mode == null ? defaultMode : mode;
        if (!m.service.equals(service)) {
            throw usage("--mode " + m.label() + " is for " + m.service + ", not " + service);
        }
        if (udp && m != Mode.PINGPONG) {
            throw usage("--udp: only echo's pingpong runs over UDP");
        }
        if (connections < 1 || connections > 100_000) {
            throw usage("--connections: " + connections + " (expected: 1-100000)");
        }
        int bytes = messageSize(m);
        if (duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw usage("--duration: " + duration + " (expected: more than 0, at most 24h)");
        }
        if (warmup.compareTo(Duration.ofHours(1)) > 0) {
            throw usage("--warmup: " + warmup + " (expected: at most 1h)");
        }
        if (rate < 0 || rate > 100_000_000) {
            throw usage("--rate: " + rate + " (expected: 0-100000000)");
        }
        if (rate > 0 && m != Mode.PINGPONG) {
            throw usage("--rate: only for pingpong");
        }
        if (threads < 0) {
            throw usage("--threads: " + threads + " (expected: 0 for one per CPU, or more)");
        }
        if (portOffset < 0 || portOffset > Ports.MAX) {
            throw usage("--port-offset: " + portOffset + " (expected: 0-" + Ports.MAX + ")");
        }
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new BenchConfig(service, m, udp, target, resolve(defaultPort(m)), connections, bytes, duration, warmup,
                rate, Math.min(n, connections), transport);
    }

    private int messageSize(Mode m) {
        if (m == Mode.SOURCE) {
            if (size != null) {
                throw usage("--size: not used by source (chargen decides what it sends)");
            }
            return 0;
        }
        long s = size == null ? m.defaultSize : size;
        long min = udp ? UdpConn.HEADER : 1;
        long max = udp ? MAX_UDP_SIZE : MAX_TCP_SIZE;
        if (s < min || s > max) {
            throw usage("--size: " + s + " (expected: " + min + "-" + max + ")");
        }
        return (int) s;
    }

    private int defaultPort(Mode m) {
        int port = (m.service.equals("echo") ? 7 : m.service.equals("discard") ? 9 : 19) + portOffset;
        if (port > Ports.MAX) {
            throw usage("--port-offset: " + service + " would be on port " + port + " (expected: 0-" + Ports.MAX + ")");
        }
        return port;
    }

    /** HOST, HOST:PORT, [V6]:PORT, or a bare IPv6 literal (several colons: no port). */
    private InetSocketAddress resolve(int defaultPort) {
        String host = target.strip();
        String portText = null;
        Matcher m = BRACKETED.matcher(host);
        if (m.matches()) {
            host = m.group(1);
            portText = m.group(2);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            portText = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
        }
        int port = defaultPort;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > Ports.MAX) {
                throw usage("HOST[:PORT]: port '" + portText + "' (expected: 1-" + Ports.MAX + ")");
            }
        }
        if (host.isEmpty()) {
            throw usage("HOST[:PORT]: no host in '" + target + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw usage("HOST[:PORT]: cannot resolve '" + host + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
