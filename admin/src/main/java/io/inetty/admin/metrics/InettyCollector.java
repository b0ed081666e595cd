package io.inetty.admin.metrics;

import static java.util.Objects.requireNonNull;

import io.inetty.faults.Faults;
import io.inetty.server.CloseReason;
import io.inetty.server.DropReason;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.MetricKey;
import io.inetty.server.MetricsSnapshot;
import io.inetty.server.ServiceStats;
import io.inetty.server.Transport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's counters as Prometheus metric families, read live at every scrape: connections (TCP), bytes (both
 * transports), datagrams (UDP) and faults applied. Every bound service appears from the start, at zero, with every
 * close and drop reason.
 */
public final class InettyCollector implements MultiCollector {
    /** Every family this collector writes (counters without their {@code _total} suffix). */
    public static final List<String> NAMES = List.of("inetty_connections_accepted", "inetty_connections_closed",
            "inetty_connections_open", "inetty_received_bytes", "inetty_sent_bytes", "inetty_datagrams_received",
            "inetty_datagrams_sent", "inetty_datagrams_dropped", "inetty_faults_applied");

    private final InettyServer server;
    private final Faults faults;

    /** Reads {@code server}'s metrics and, if not null, the faults applied by {@code faults}. */
    public InettyCollector(InettyServer server, Faults faults) {
        this.server = requireNonNull(server, "server");
        this.faults = faults;
    }

    @Override
    public MetricSnapshots collect() {
        MetricsSnapshot snapshot = server.metrics().snapshot();
        Set<MetricKey> keys = new LinkedHashSet<>();
        for (Endpoint e : server.endpoints()) {
            keys.add(new MetricKey(e.service(), e.transport()));
        }
        keys.addAll(snapshot.services().keySet());
        List<MetricKey> sorted = keys.stream().sorted(Comparator.comparing(MetricKey::service)
                .thenComparing(MetricKey::transport)).toList();

        CounterSnapshot.Builder accepted = counter("inetty_connections_accepted", "TCP connections admitted.");
        CounterSnapshot.Builder closed = counter("inetty_connections_closed",
                "TCP connections ended or refused, by reason.");
        GaugeSnapshot.Builder open = GaugeSnapshot.builder().name("inetty_connections_open")
                .help("TCP connections open now.");
        CounterSnapshot.Builder received = counter("inetty_received_bytes", "Payload bytes received.").unit(Unit.BYTES);
        CounterSnapshot.Builder sent = counter("inetty_sent_bytes", "Payload bytes sent.").unit(Unit.BYTES);
        CounterSnapshot.Builder datagramsIn = counter("inetty_datagrams_received", "UDP datagrams received.");
        CounterSnapshot.Builder datagramsOut = counter("inetty_datagrams_sent", "UDP datagrams sent.");
        CounterSnapshot.Builder dropped = counter("inetty_datagrams_dropped",
                "UDP datagrams dropped without an answer, or replies dropped, by reason.");
        for (MetricKey k : sorted) {
            ServiceStats s = snapshot.of(k.service(), k.transport());
            Labels labels = Labels.of("service", k.service(), "transport", k.transport().label());
            received.dataPoint(point(labels, s.bytesIn()));
            sent.dataPoint(point(labels, s.bytesOut()));
            if (k.transport() == Transport.TCP) {
                accepted.dataPoint(point(labels, s.connectionsAccepted()));
                open.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(s.connectionsOpen()).build());
                for (CloseReason r : CloseReason.values()) {
                    closed.dataPoint(point(labels.add("reason", r.label()), s.closed(r)));
                }
            } else {
                datagramsIn.dataPoint(point(labels, s.datagramsIn()));
                datagramsOut.dataPoint(point(labels, s.datagramsOut()));
                for (DropReason r : DropReason.values()) {
                    dropped.dataPoint(point(labels.add("reason", r.label()), s.dropped(r)));
                }
            }
        }
        CounterSnapshot.Builder applied = counter("inetty_faults_applied",
                "Faults applied: TCP connections that got a fault, UDP datagrams a fault acted on, by type.");
        if (faults != null) {
            for (Faults.Applied a : faults.applied()) {
                applied.dataPoint(point(Labels.of("service", a.service(), "transport", a.transport().label(),
                        "type", a.type()), a.count()));
            }
        }
        return MetricSnapshots.of(accepted.build(), closed.build(), open.build(), received.build(), sent.build(),
                datagramsIn.build(), datagramsOut.build(), dropped.build(), applied.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return NAMES;
    }

    private static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    private static CounterDataPointSnapshot point(Labels labels, long value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
