package io.inetty.junit;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import io.inetty.tls.TlsOptions;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The addresses of an extension-managed server, read back from its sockets: {@code tcp("echo")},
 * {@code udp("echo")}, {@code tls("echo")}. Each gives the service's first bound address of that kind:
 * {@code 127.0.0.1} where the host has it, else {@code ::1}; {@link #all()} lists every socket. Resolvable as a
 * test parameter.
 */
public final class InettyEndpoints {
    private final InettyServer server;

    InettyEndpoints(InettyServer server) {
        this.server = requireNonNull(server, "server");
    }

    /** The TCP address of {@code service} ({@code echo}, {@code daytime}, ...). */
    public InetSocketAddress tcp(String service) {
        return address(service, Transport.TCP.label());
    }

    /** The UDP address of {@code service}. */
    public InetSocketAddress udp(String service) {
        return address(service, Transport.UDP.label());
    }

    /** The TLS address of {@code service} (with {@code InettyExtension.builder().tls()}). */
    public InetSocketAddress tls(String service) {
        return address(service, TlsOptions.LABEL);
    }

    /** The address of {@code service}'s binding labelled {@code label} ({@code tcp}, {@code udp}, or a feature's). */
    public InetSocketAddress address(String service, String label) {
        requireNonNull(service, "service");
        requireNonNull(label, "label");
        for (Endpoint e : server.endpoints()) {
            if (e.service().equals(service) && e.label().equals(label)) {
                return e.address();
            }
        }
        throw new NoSuchElementException("service: " + service + "/" + label + " (not served; served: "
                + all().stream().map(e -> e.service() + "/" + e.label()).distinct().toList() + ")");
    }

    /** Every bound socket, in bind order. */
    public List<Endpoint> all() {
        return server.endpoints();
    }

    /** The server. */
    public InettyServer server() {
        return server;
    }

    /** {@code [echo/tcp 127.0.0.1:40311, ...]}. */
    @Override
    public String toString() {
        return all().toString();
    }
}
