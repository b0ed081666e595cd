package io.inetty.server;

import java.util.Map;

/**
 * Every counter of a server at one moment, by service and transport, for an exporter: it needs nothing of
 * the engine's internals.
 *
 * @param services the counters of each service and transport served
 */
public record MetricsSnapshot(Map<MetricKey, ServiceStats> services) {
    /** Copies the map. */
    public MetricsSnapshot {
        services = Map.copyOf(services);
    }

    /** The counters of one service and transport (zeros if it is not served). */
    public ServiceStats of(String service, Transport transport) {
        return services.getOrDefault(new MetricKey(service, transport), ServiceStats.ZERO);
    }

    /** The sum over every service and transport. */
    public ServiceStats totals() {
        ServiceStats sum = ServiceStats.ZERO;
        for (ServiceStats s : services.values()) {
            sum = sum.plus(s);
        }
        return sum;
    }
}
