package io.inetty.server;

import static java.util.Objects.requireNonNull;

/**
 * One service on one transport at one port (0 = ephemeral, shared by the service's sockets of the same
 * label), with per-binding options. Immutable.
 */
public final class ServiceBinding {
    private final Service service;
    private final Transport transport;
    private final int port;
    private final BindingOptions options;

    private ServiceBinding(Service service, Transport transport, int port, BindingOptions options) {
        this.service = requireNonNull(service, "service");
        this.transport = requireNonNull(transport, "transport");
        this.port = Ports.check(port);
        this.options = requireNonNull(options, "options");
        if (!service.transports().contains(transport)) {
            throw new IllegalArgumentException(
                    "transport: " + transport.label() + " (" + service.name() + " speaks " + service.transports() + ")");
        }
        if (port != 0 && options.has(BindingOptions.SOCKETS)) {
            throw new IllegalArgumentException("port: " + port + " with inherited sockets (expected: 0, the port is"
                    + " read from the sockets)");
        }
    }

    /** {@code service} on {@code transport} at {@code port}, with no option. */
    public static ServiceBinding of(Service service, Transport transport, int port) {
        return new ServiceBinding(service, transport, port, BindingOptions.NONE);
    }

    /** This binding with other options. */
    public ServiceBinding withOptions(BindingOptions options) {
        return new ServiceBinding(service, transport, port, options);
    }

    /** The service. */
    public Service service() {
        return service;
    }

    /** The transport. */
    public Transport transport() {
        return transport;
    }

    /** The port asked for; 0 = ephemeral. */
    public int port() {
        return port;
    }

    /** Per-binding options (TLS, PROXY, ...). */
    public BindingOptions options() {
        return options;
    }

    /** The label in output: {@link BindingOptions#LABEL}, else the transport's ({@code tcp}, {@code udp}). */
    public String label() {
        String label = options.get(BindingOptions.LABEL);
        return label != null ? label : transport.label();
    }

    @Override
    public String toString() {
        return service.name() + "/" + label() + ":" + port;
    }
}
