package io.inetty.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything a server needs to start, immutable; made by {@link Inetty#builder()} and its {@code config()}. */
public final class ServerConfig {
    /** The drain time of an embedded server when none is given: a test's {@code close()} is quick. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofMillis(100);

    private final List<String> hosts;
    private final boolean wildcard;
    private final AddressFamily family;
    private final List<ServiceBinding> bindings;
    private final IoTransport transport;
    private final int threads;
    private final Duration shutdownTimeout;
    private final Limits limits;
    private final AccessPolicy access;
    private final UdpPolicy udp;
    private final boolean accessLog;
    private final List<PipelineContributor> contributors;

    ServerConfig(List<String> hosts, boolean wildcard, AddressFamily family, List<ServiceBinding> bindings,
                 IoTransport transport, int threads, Duration shutdownTimeout, Limits limits, AccessPolicy access,
                 UdpPolicy udp, boolean accessLog, List<PipelineContributor> contributors) {
        this.hosts = List.copyOf(hosts);
        this.wildcard = wildcard;
        this.family = family;
        this.bindings = List.copyOf(bindings);
        this.transport = transport;
        this.threads = threads;
        this.shutdownTimeout = shutdownTimeout;
        this.limits = limits;
        this.access = access;
        this.udp = udp;
        this.accessLog = accessLog;
        this.contributors = List.copyOf(contributors);
        validate();
    }

    private void validate() {
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("services: none (expected: at least one service)");
        }
        if (wildcard && !hosts.isEmpty()) {
            throw new IllegalArgumentException("bind: " + hosts + " and the wildcard (expected: one or the other)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout: " + shutdownTimeout + " (expected: >= 0)");
        }
        Set<String> seen = new HashSet<>();
        Map<String, ServiceBinding> ports = new HashMap<>();
        for (ServiceBinding b : bindings) {
            if (!seen.add(b.service().name() + "/" + b.label())) {
                throw new IllegalArgumentException("services: " + b.service().name() + "/" + b.label() + " given twice");
            }
            if (b.port() != 0) {
                ServiceBinding other = ports.putIfAbsent(b.transport() + ":" + b.port(), b);
                if (other != null) {
                    throw new IllegalArgumentException("services: " + other.service().name() + "/" + other.label()
                            + " and " + b.service().name() + "/" + b.label() + " both on " + b.transport().label()
                            + " port " + b.port() + " (expected: one service per port and transport)");
                }
            }
        }
    }

    /** Bind hosts (names or literals); empty = loopback, or the wildcard when {@link #wildcard()}. */
    public List<String> hosts() {
        return hosts;
    }

    /** Whether to serve on every address of the host (the daemon's default) instead of loopback (the builder's). */
    public boolean wildcard() {
        return wildcard;
    }

    /** Which IP families to serve. */
    public AddressFamily family() {
        return family;
    }

    /** The services, each on one transport and port. */
    public List<ServiceBinding> bindings() {
        return bindings;
    }

    /** The I/O transport asked for ({@code AUTO} picks epoll, then io_uring, then NIO). */
    public IoTransport transport() {
        return transport;
    }

    /** Event-loop threads. */
    public int threads() {
        return threads;
    }

    /** How long a stop lets accepted connections drain before closing them. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** TCP resource bounds. */
    public Limits limits() {
        return limits;
    }

    /** Who may connect (TCP) or send (UDP). */
    public AccessPolicy access() {
        return access;
    }

    /** The UDP amplification guard. */
    public UdpPolicy udp() {
        return udp;
    }

    /** Whether the access log (loggers {@link AccessLog#TCP}, {@link AccessLog#UDP}) is written. */
    public boolean accessLog() {
        return accessLog;
    }

    /** The features' pipeline contributors, in the order added. */
    public List<PipelineContributor> contributors() {
        return contributors;
    }
}
