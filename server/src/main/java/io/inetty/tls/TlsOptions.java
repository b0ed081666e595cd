package io.inetty.tls;

import static java.util.Objects.requireNonNull;

import io.inetty.server.BindingOptions;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.Service;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The binding option that puts TLS in front of a TCP binding ({@link #KEY}), with its per-binding settings;
 * such a binding is labelled {@value #LABEL} in output ({@code listening echo tls 127.0.0.1:10443}). The
 * {@link Tls} contributor serves the certificate.
 */
public final class TlsOptions {
    /** The label of TLS bindings in output and in {@code InettyServer.port(service, label)}. */
    public static final String LABEL = "tls";
    /** The option key: a binding that has it is served over TLS. */
    public static final BindingOptions.Key<TlsOptions> KEY = BindingOptions.Key.of("tls", TlsOptions.class);
    /** How long a client may take to finish its handshake, by default. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The default settings. */
    public static final TlsOptions DEFAULTS = new TlsOptions(DEFAULT_HANDSHAKE_TIMEOUT);

    private final Duration handshakeTimeout;

    private TlsOptions(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Settings with another handshake timeout (a connection that has not finished its handshake by then is closed). */
    public static TlsOptions handshakeTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout: " + timeout + " (expected: > 0)");
        }
        return new TlsOptions(timeout);
    }

    /** How long a client may take to finish its handshake. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@code service} over TLS on {@code port} (0 = ephemeral), with the default settings. */
    public static ServiceBinding binding(Service service, int port) {
        return DEFAULTS.on(ServiceBinding.of(service, Transport.TCP, port));
    }

    /** {@code binding} (a TCP one) served over TLS with these settings, labelled {@value #LABEL}. */
    public ServiceBinding on(ServiceBinding binding) {
        requireNonNull(binding, "binding");
        if (binding.transport() != Transport.TCP) {
            throw new IllegalArgumentException("binding: " + binding + " (expected: a TCP binding for TLS)");
        }
        return binding.withOptions(binding.options().with(KEY, this).with(BindingOptions.LABEL, LABEL));
    }

    /** Whether {@code endpoint} is served over TLS. */
    public static boolean isTls(Endpoint endpoint) {
        return endpoint.options().has(KEY);
    }

    /** The TLS endpoints of {@code service} on {@code server}, in bind order (empty if none). */
    public static List<Endpoint> endpoints(InettyServer server, String service) {
        requireNonNull(service, "service");
        return server.endpoints().stream().filter(e -> isTls(e) && e.service().equals(service)).toList();
    }

    /** The first TLS address of {@code service} on {@code server}; throws if the service has none. */
    public static InetSocketAddress address(InettyServer server, String service) {
        List<Endpoint> all = endpoints(server, service);
        if (all.isEmpty()) {
            throw new java.util.NoSuchElementException("service: " + service + "/" + LABEL + " (not served over TLS)");
        }
        return all.get(0).address();
    }

    @Override
    public String toString() {
        return "tls(handshakeTimeout=" + handshakeTimeout + ")";
    }
}
