package io.inetty.server;

import static java.util.Objects.requireNonNull;

/**
 * The key of a service's counters: its name and transport (a TLS binding counts under {@code tcp}).
 *
 * @param service   the service's name
 * @param transport TCP or UDP
 */
public record MetricKey(String service, Transport transport) {
    /** Validates the key. */
    public MetricKey {
        requireNonNull(service, "service");
        requireNonNull(transport, "transport");
    }

    @Override
    public String toString() {
        return service + "/" + transport.label();
    }
}
