package io.inetty.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live counters of a server, by service and transport: connections accepted, open and closed by reason;
 * bytes in and out (TCP bytes as they flow, so an open chargen stream shows up at once); datagrams in, out and
 * dropped by reason. {@link #snapshot()} reads them at any moment, from any thread, without stopping anything.
 */
public final class Metrics {
    private final Map<MetricKey, Counters> counters = new ConcurrentHashMap<>();

    Metrics() {
    }

    Counters counters(String service, Transport transport) {
        return counters.computeIfAbsent(new MetricKey(service, transport), Counters::new);
    }

    /** Every counter now. */
    public MetricsSnapshot snapshot() {
        Map<MetricKey, ServiceStats> out = new LinkedHashMap<>();
        counters.forEach((k, c) -> out.put(k, c.stats()));
        return new MetricsSnapshot(out);
    }

    /** Connections ended or refused for {@code reason} so far, over every service. */
    public long count(CloseReason reason) {
        return snapshot().totals().closed(reason);
    }

    /** Connections open now, over every service. */
    public long openConnections() {
        return snapshot().totals().connectionsOpen();
    }
}
