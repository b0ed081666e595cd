package io.inetty.cli;

import io.inetty.protocols.ProtocolOptions;
import io.inetty.protocols.Services;
import io.inetty.protocols.qotd.Quotes;
import io.inetty.server.AccessPolicy;
import io.inetty.server.AddressFamily;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyException;
import io.inetty.server.InettyServer;
import io.inetty.server.IoTransport;
import io.inetty.server.Limits;
import io.inetty.server.Ports;
import io.inetty.server.ServerConfig;
import io.inetty.server.Service;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import io.inetty.server.UdpPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inetty serve}: binds the services, prints {@code listening <service> <tcp|udp> <addr>:<port>}
 * per socket and then {@code ready} on standard output, and serves until SIGTERM or SIGINT.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the simple services on TCP and UDP.",
            "Every option can also be set by an environment variable INETTY_<OPTION> (e.g. INETTY_PORT_OFFSET);",
            "the command line wins. Once every socket is bound, standard output gets one line per socket,",
            "'listening <service> <tcp|udp> <address>:<port>', then 'ready'. Logs go to standard error."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "HOST", split = ",", defaultValue = "${env:INETTY_BIND}",
            description = "Host name or address to serve on; repeatable. Default: every address of each family.")
    List<String> hosts = new ArrayList<>();

    @ArgGroup(exclusive = true)
    FamilyOption family = new FamilyOption();

    @Option(names = "--service", paramLabel = "SPEC", split = ",", defaultValue = "${env:INETTY_SERVICE}",
            converter = ServiceSpec.Converter.class,
            description = {"NAME[/tcp|/udp][:PORT]; repeatable (e.g. echo, time/udp:10037, echo:0 for an ephemeral",
                "port shared by all of echo's sockets). Default: all services on TCP and UDP."})
    List<ServiceSpec> specs = new ArrayList<>();

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "${env:INETTY_PORT_OFFSET:-0}",
            description = "Added to each default port, e.g. 10000 to run without root (echo on 10007). Default: ${DEFAULT-VALUE}.")
    int portOffset;

    @Option(names = "--transport", paramLabel = "auto|epoll|io_uring|nio", defaultValue = "${env:INETTY_TRANSPORT:-auto}",
            description = "I/O transport; auto picks epoll, then io_uring, then NIO. Default: ${DEFAULT-VALUE}.")
    IoTransport transport;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:INETTY_THREADS:-0}",
            description = "Event-loop threads; 0 = one per CPU. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:INETTY_SHUTDOWN_TIMEOUT:-5s}",
            description = "How long a stop lets open connections drain (e.g. 500ms, 5s). Default: ${DEFAULT-VALUE}.")
    Duration shutdownTimeout;

    @Option(names = "--quotes", paramLabel = "FILE", defaultValue = "${env:INETTY_QUOTES}",
            description = "qotd quotes, fortune format (quotes separated by lines holding only %%). Default: built-in.")
    Path quotes;

    @Option(names = "--daytime-zone", paramLabel = "ZONE", defaultValue = "${env:INETTY_DAYTIME_ZONE:-UTC}",
            description = "Time zone of daytime's answer (e.g. UTC, Europe/Paris). Default: ${DEFAULT-VALUE}.")
    String daytimeZone;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "${env:INETTY_MAX_CONNECTIONS:-0}",
            description = "Open TCP connections in all; 0 = unlimited. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-connections-per-ip", paramLabel = "N",
            defaultValue = "${env:INETTY_MAX_CONNECTIONS_PER_IP:-0}",
            description = "Open TCP connections from one source address; 0 = unlimited. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerIp;

    @Option(names = "--max-accept-rate", paramLabel = "N", defaultValue = "${env:INETTY_MAX_ACCEPT_RATE:-0}",
            description = "New TCP connections per second (1 s of burst); 0 = unlimited. Default: ${DEFAULT-VALUE}.")
    int maxAcceptRate;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:INETTY_IDLE_TIMEOUT:-0}",
            description = "Close a TCP connection after this long without traffic; 0 = never. Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--max-session", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:INETTY_MAX_SESSION:-0}",
            description = "Close a TCP connection this long after it was accepted; 0 = never. Default: ${DEFAULT-VALUE}.")
    Duration maxSession;

    @Option(names = "--max-session-bytes", paramLabel = "BYTES", converter = SizeConverter.class,
            defaultValue = "${env:INETTY_MAX_SESSION_BYTES:-0}",
            description = "Close a TCP connection once it received or sent this much (e.g. 64m); 0 = never. Default: ${DEFAULT-VALUE}.")
    long maxSessionBytes;

    @Option(names = "--allow", paramLabel = "CIDR", split = ",", defaultValue = "${env:INETTY_ALLOW}",
            description = {"Serve only peers in this network (e.g. 10.0.0.0/8, ::1/128); repeatable.",
                "With any --allow, unmatched peers are refused. IPv4-mapped IPv6 peers match IPv4 rules."})
    List<String> allow = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "CIDR", split = ",", defaultValue = "${env:INETTY_DENY}",
            description = "Refuse peers in this network; repeatable. A matching --deny wins over any --allow.")
    List<String> deny = new ArrayList<>();

    @Option(names = "--udp-reply-budget", paramLabel = "BYTES", defaultValue = "${env:INETTY_UDP_REPLY_BUDGET:-4096}",
            description = {"Amplification guard: bytes per second (on the wire) one source address may get in UDP",
                "replies larger than its requests (2 s of burst); 0 = off. Default: ${DEFAULT-VALUE}."})
    int udpReplyBudget;

    @Option(names = "--udp-strict", defaultValue = "${env:INETTY_UDP_STRICT:-false}",
            description = "Drop UDP requests from source ports below 1024 and from broadcast/multicast sources (loopback exempt).")
    boolean udpStrict;

    @Option(names = "--access-log", negatable = true, defaultValue = "${env:INETTY_ACCESS_LOG:-false}", fallbackValue = "true",
            description = {"Log each TCP connection and, every 10 s, each busy UDP socket (logger inetty.access).",
                "Default: off (a test peer stays quiet; at 25,000 connections/s it costs a quarter of a core)."})
    boolean accessLog;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:INETTY_LOG_LEVEL:-info}",
            description = "error, warn, info, debug or trace. Default: ${DEFAULT-VALUE}.")
    LogLevel logLevel;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:INETTY_LOG_FORMAT:-text}",
            description = "Log lines as text or as JSON objects (logback's JsonEncoder). Default: ${DEFAULT-VALUE}.")
    LogFormat logFormat;

    /** For the build's class-data-sharing training run: start, print the endpoints, stop at once. */
    @Option(names = "--exit-after-ready", hidden = true)
    boolean exitAfterReady;

    /** {@code -4} or {@code -6}. */
    static final class FamilyOption {
        @Option(names = {"-4", "--ipv4"}, defaultValue = "${env:INETTY_IPV4:-false}", description = "IPv4 only.")
        boolean ipv4;

        @Option(names = {"-6", "--ipv6"}, defaultValue = "${env:INETTY_IPV6:-false}", description = "IPv6 only.")
        boolean ipv6;

        AddressFamily family() {
            return ipv4 ? AddressFamily.IPV4 : ipv6 ? AddressFamily.IPV6 : AddressFamily.ANY;
        }
    }

    @Override
    public Integer call() {
        LogLevel.configure(logLevel, logFormat, accessLog);
        ServerConfig config = config();
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onStop(stop::countDown);
        PrintWriter out = spec.commandLine().getOut();
        try (InettyServer server = InettyServer.start(config)) {
            for (Endpoint e : server.endpoints()) {
                out.println("listening " + e.service() + " " + e.transport().label() + " " + e.hostAndPort());
            }
            out.println("ready");
            out.flush();
            if (!exitAfterReady) {
                stop.await();
            }
        } catch (InettyException e) {
            spec.commandLine().getErr().println("inetty: " + e.getMessage());
            return ExitCodes.START_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    /** Builds the immutable server configuration; bad input becomes a usage error. */
    ServerConfig config() {
        if (portOffset < 0 || portOffset > Ports.MAX) {
            throw usage("--port-offset: " + portOffset + " (expected: 0-" + Ports.MAX + ")");
        }
        if (threads < 0) {
            throw usage("--threads: " + threads + " (expected: 0 for one per CPU, or more)");
        }
        List<Service> services = Services.all(protocolOptions());
        List<ServiceBinding> bindings = new ArrayList<>();
        List<ServiceSpec> wanted = specs.isEmpty()
                ? services.stream().map(s -> new ServiceSpec(s.name(), null, null)).toList() : specs;
        for (ServiceSpec w : wanted) {
            Service service = Services.find(services, w.name()).orElseThrow(() -> usage("--service: unknown service '"
                    + w.name() + "' (expected one of: " + services.stream().map(Service::name)
                    .collect(Collectors.joining(", ")) + ")"));
            for (Transport t : Transport.values()) {
                if ((w.transport() == null || w.transport() == t) && service.transports().contains(t)) {
                    int port = w.port() != null ? w.port() : service.defaultPort() + portOffset;
                    if (port > Ports.MAX) {
                        throw usage("--port-offset: " + service.name() + " would listen on port " + port
                                + " (expected: 0-" + Ports.MAX + ")");
                    }
                    bindings.add(new ServiceBinding(service, t, port));
                }
            }
        }
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        Limits limits;
        AccessPolicy access;
        UdpPolicy udp;
        try {
            limits = new Limits(maxConnections, maxConnectionsPerIp, maxAcceptRate, idleTimeout, maxSession, maxSessionBytes);
            udp = new UdpPolicy(udpReplyBudget, udpStrict);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try {
            access = AccessPolicy.of(allow, deny);
        } catch (IllegalArgumentException e) {
            throw usage("--allow/--deny: " + e.getMessage());
        }
        try {
            return new ServerConfig(hosts, family.family(), bindings, transport, n, shutdownTimeout, limits, access, udp);
        } catch (IllegalArgumentException e) {
            throw usage("--service: " + e.getMessage().replace("bindings: ", ""));
        }
    }

    private ProtocolOptions protocolOptions() {
        ProtocolOptions options = ProtocolOptions.DEFAULTS;
        try {
            options = options.withZone(ZoneId.of(daytimeZone));
        } catch (DateTimeException e) {
            throw usage("--daytime-zone: '" + daytimeZone + "' (expected: a zone such as UTC or Europe/Paris)");
        }
        if (quotes != null) {
            try {
                options = options.withQuotes(Quotes.load(quotes));
            } catch (IOException e) {
                throw usage("--quotes: cannot read " + quotes + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw usage("--quotes: " + e.getMessage());
            }
        }
        return options;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
