package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a server needs to start, immutable.
 *
 * @param hosts           bind hosts (names or literals); empty = the passive wildcard of each family
 * @param family          which IP families to serve
 * @param bindings        the services, each on one transport and port
 * @param transport       the I/O transport (AUTO picks epoll, then io_uring, then NIO)
 * @param threads         event-loop threads, at least 1
 * @param shutdownTimeout how long {@code stop()} lets accepted connections drain before closing them
 * @param limits          TCP resource bounds
 * @param access          who may connect (TCP) or send (UDP)
 * @param udp             the UDP amplification guard
 */
public record ServerConfig(List<String> hosts, AddressFamily family, List<ServiceBinding> bindings,
                           IoTransport transport, int threads, Duration shutdownTimeout, Limits limits,
                           AccessPolicy access, UdpPolicy udp) {

    /** The drain time used when none is given. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    /** A configuration with no limits, open access and the default UDP guard. */
    public ServerConfig(List<String> hosts, AddressFamily family, List<ServiceBinding> bindings,
                        IoTransport transport, int threads, Duration shutdownTimeout) {
        this(hosts, family, bindings, transport, threads, shutdownTimeout, Limits.NONE, AccessPolicy.OPEN,
                UdpPolicy.DEFAULT);
    }

    /** Validates and copies the configuration. */
    public ServerConfig {
        hosts = List.copyOf(requireNonNull(hosts, "hosts"));
        requireNonNull(family, "family");
        bindings = List.copyOf(requireNonNull(bindings, "bindings"));
        requireNonNull(transport, "transport");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireNonNull(limits, "limits");
        requireNonNull(access, "access");
        requireNonNull(udp, "udp");
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("bindings: [] (expected: at least one service)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout: " + shutdownTimeout + " (expected: >= 0)");
        }
        Set<String> seen = new HashSet<>();
        for (ServiceBinding b : bindings) {
            if (!seen.add(b.service().name() + "/" + b.transport().label())) {
                throw new IllegalArgumentException("bindings: " + b.service().name() + "/" + b.transport().label()
                        + " given twice");
            }
        }
    }
}
