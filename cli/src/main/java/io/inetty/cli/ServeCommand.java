package io.inetty.cli;

import io.inetty.cli.options.AccessOptions;
import io.inetty.cli.options.AdminEndpointOptions;
import io.inetty.cli.options.FaultOptions;
import io.inetty.cli.options.LimitsOptions;
import io.inetty.cli.options.LoggingOptions;
import io.inetty.cli.options.NetworkOptions;
import io.inetty.cli.options.RelayOptions;
import io.inetty.cli.options.ProxyProtocolOptions;
import io.inetty.cli.options.ServeFeature;
import io.inetty.cli.options.ServiceOptions;
import io.inetty.cli.options.Sources;
import io.inetty.cli.options.ThreadsOption;
import io.inetty.cli.options.TlsCertificateOptions;
import io.inetty.cli.options.TransportOption;
import io.inetty.cli.options.UdpOptions;
import io.inetty.cli.systemd.Notify;
import io.inetty.cli.systemd.SocketActivation;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inetty serve}: binds the services, prints {@code listening <service> <tcp|udp|tls> <addr>:<port>} per socket
 * and then {@code ready} on standard output, and serves until SIGTERM or SIGINT; SIGHUP reloads. Each group of
 * options is a {@link ServeFeature} mixin: a new feature is one more field and one more entry in {@link #features}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = "io.inetty.cli.Help",
        description = {"Serve the simple services and whoami on TCP and UDP (and TLS, on request).",
            "Every option can also be set by an environment variable INETTY_<OPTION> (e.g. INETTY_PORT_OFFSET); the"
                + " command line wins, an empty variable counts as unset. Once every socket is bound, standard output"
                + " gets one line per socket, 'listening <service> <tcp|udp|tls> <address>:<port>', then 'ready'. Logs"
                + " go to standard error. SIGTERM or SIGINT stops (draining), SIGHUP reloads the --quotes file and the TLS"
                + " certificate files. Started by systemd's socket activation (LISTEN_FDS), it serves the sockets passed"
                + " instead of binding; with NOTIFY_SOCKET it notifies READY=1 and STOPPING=1."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin NetworkOptions network = new NetworkOptions();
    @Mixin ServiceOptions services = new ServiceOptions();
    @Mixin TransportOption transport = new TransportOption();
    @Mixin ThreadsOption threads = new ThreadsOption();
    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", defaultValue = "5s") Duration shutdownTimeout;
    @Option(names = "--shutdown-delay", paramLabel = "DURATION", defaultValue = "0") Duration shutdownDelay;
    @Mixin LoggingOptions logging = new LoggingOptions();
    @Mixin LimitsOptions limits = new LimitsOptions();
    @Mixin AccessOptions access = new AccessOptions();
    @Mixin UdpOptions udp = new UdpOptions();
    @Mixin TlsCertificateOptions tls = new TlsCertificateOptions();
    @Mixin ProxyProtocolOptions proxy = new ProxyProtocolOptions();
    @Mixin RelayOptions relays = new RelayOptions();
    @Mixin FaultOptions faults = new FaultOptions();
    @Mixin AdminEndpointOptions admin = new AdminEndpointOptions();
    /** The sockets a service manager passed (LISTEN_FDS), else the services of {@link #services}. */
    final SocketActivation activation = new SocketActivation(services, admin);

    /** For the build's class-data-sharing training run: start, print the endpoints, stop at once. */
    @Option(names = "--exit-after-ready", hidden = true)
    boolean exitAfterReady;

    private List<ServeFeature> features() {
        return List.of(network, activation, logging, limits, access, udp, tls, proxy, relays, faults, admin);
    }

    @Override
    public Integer call() {
        logging.apply(); // before the first logger
        Logger log = LoggerFactory.getLogger("inetty");
        Sources sources = new Sources(spec);
        sources.environmentWarnings().forEach(log::warn);
        transport.fallbackWarning().ifPresent(log::warn);
        Inetty.Builder builder = configure(sources);
        Daemon daemon = new Daemon(log, features().stream().flatMap(f -> f.reloadables().stream()).toList(),
                Notify.from(sources.environment()), shutdownDelay);
        InettyServer server;
        try {
            server = builder.start();
        } catch (IllegalArgumentException e) {
            throw sources.usage(e); // a configuration mistake the engine found (e.g. --bind '[::1]:7')
        }
        return daemon.serve(server, features(), spec.commandLine().getOut(), exitAfterReady);
    }

    /** The server's configuration from the options (the daemon's defaults: wildcard, 5 s drain); usage errors. */
    Inetty.Builder configure(Sources sources) {
        Inetty.Builder builder = Inetty.builder().transport(transport.value())
                .threads(threads.resolve(Integer.MAX_VALUE, sources)).shutdownTimeout(shutdownTimeout);
        features().forEach(f -> f.configure(builder, sources));
        return builder;
    }
}
