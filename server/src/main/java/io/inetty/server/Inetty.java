package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the embedding API: {@code Inetty.builder().service(ECHO, 0).start()} serves echo on
 * loopback ({@code 127.0.0.1} and {@code ::1}) on an ephemeral port.
 */
public final class Inetty {
    private Inetty() {
    }

    /**
     * A new builder: loopback, both families, automatic transport, one event loop per CPU, a 100 ms drain
     * on close, no limits, open access, the default UDP guard, no access log.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a {@link ServerConfig} and starts an {@link InettyServer} from it. */
    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private boolean wildcard;
        private final List<ServiceBinding> bindings = new ArrayList<>();
        private final List<PipelineContributor> contributors = new ArrayList<>();
        private AddressFamily family = AddressFamily.ANY;
        private IoTransport transport = IoTransport.AUTO;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Duration shutdownTimeout = ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT;
        private Limits limits = Limits.NONE;
        private AccessPolicy access = AccessPolicy.OPEN;
        private UdpPolicy udp = UdpPolicy.DEFAULT;
        private boolean accessLog;

        private Builder() {
        }

        /** Adds a host (name or literal) to serve on, instead of loopback; every address it resolves to is bound. */
        public Builder bind(String host) {
            hosts.add(requireNonNull(host, "host"));
            return this;
        }

        /**
         * Serves on every address of the host, as the daemon does: TCP on the wildcard of each family, UDP on
         * each local unicast address (so replies leave from the address asked).
         */
        public Builder bindWildcard() {
            this.wildcard = true;
            return this;
        }

        /** Serves {@code service} on every transport it speaks, at {@code port} (0 = one ephemeral port). */
        public Builder service(Service service, int port) {
            requireNonNull(service, "service");
            for (Transport t : Transport.values()) {
                if (service.transports().contains(t)) {
                    bindings.add(ServiceBinding.of(service, t, port));
                }
            }
            return this;
        }

        /** Serves {@code service} on one transport at {@code port} (0 = ephemeral). */
        public Builder service(Service service, Transport transport, int port) {
            bindings.add(ServiceBinding.of(service, transport, port));
            return this;
        }

        /** Adds a binding, e.g. one with options. */
        public Builder binding(ServiceBinding binding) {
            bindings.add(requireNonNull(binding, "binding"));
            return this;
        }

        /** Adds a feature's pipeline stages (TLS, PROXY protocol, faults, ...). */
        public Builder pipeline(PipelineContributor contributor) {
            contributors.add(requireNonNull(contributor, "contributor"));
            return this;
        }

        /** Restricts the server to one IP family. */
        public Builder family(AddressFamily family) {
            this.family = requireNonNull(family, "family");
            return this;
        }

        /** Forces an I/O transport. */
        public Builder transport(IoTransport transport) {
            this.transport = requireNonNull(transport, "transport");
            return this;
        }

        /** Number of event-loop threads. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** How long stop lets connections drain (default 100 ms). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = requireNonNull(timeout, "timeout");
            return this;
        }

        /** TCP resource bounds (default: none). */
        public Builder limits(Limits limits) {
            this.limits = requireNonNull(limits, "limits");
            return this;
        }

        /** Access control (default: everyone). */
        public Builder access(AccessPolicy access) {
            this.access = requireNonNull(access, "access");
            return this;
        }

        /** The UDP amplification guard (default: {@link UdpPolicy#DEFAULT}). */
        public Builder udp(UdpPolicy udp) {
            this.udp = requireNonNull(udp, "udp");
            return this;
        }

        /** Writes the access log (loggers {@code inetty.access.tcp} and {@code .udp}; default: off). */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /** The immutable configuration collected so far; throws {@code IllegalArgumentException} naming a bad part. */
        public ServerConfig config() {
            return new ServerConfig(hosts, wildcard, family, bindings, transport, threads, shutdownTimeout, limits,
                    access, udp, accessLog, contributors);
        }

        /** Binds every socket and returns the running server; throws {@link InettyException} if any bind fails. */
        public InettyServer start() {
            return InettyServer.start(config());
        }
    }
}
