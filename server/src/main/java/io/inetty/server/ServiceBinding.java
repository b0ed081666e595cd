package io.inetty.server;

import static java.util.Objects.requireNonNull;

/** One service on one transport at one port (0 = ephemeral, shared by all its sockets). */
public record ServiceBinding(Service service, Transport transport, int port) {

    /** Validates the binding. */
    public ServiceBinding {
        requireNonNull(service, "service");
        requireNonNull(transport, "transport");
        Ports.check(port);
        if (!service.transports().contains(transport)) {
            throw new IllegalArgumentException(
                    "transport: " + transport.label() + " (" + service.name() + " speaks " + service.transports() + ")");
        }
    }
}
