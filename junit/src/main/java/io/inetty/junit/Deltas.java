package io.inetty.junit;

import io.inetty.server.CloseReason;
import io.inetty.server.DropReason;
import io.inetty.server.MetricKey;
import io.inetty.server.MetricsSnapshot;
import io.inetty.server.ServiceStats;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counters since a starting point: each counter minus its value then; the open-connection gauge as it is now. */
final class Deltas {
    private Deltas() {
    }

    static MetricsSnapshot since(MetricsSnapshot start, MetricsSnapshot now) {
        Map<MetricKey, ServiceStats> out = new LinkedHashMap<>();
        now.services().forEach((k, s) -> out.put(k, minus(s, start.of(k.service(), k.transport()))));
        return new MetricsSnapshot(out);
    }

    static ServiceStats minus(ServiceStats now, ServiceStats start) {
        Map<CloseReason, Long> closed = new EnumMap<>(CloseReason.class);
        for (CloseReason r : CloseReason.values()) {
            closed.put(r, now.closed(r) - start.closed(r));
        }
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason d : DropReason.values()) {
            dropped.put(d, now.dropped(d) - start.dropped(d));
        }
        return new ServiceStats(now.connectionsAccepted() - start.connectionsAccepted(), now.connectionsOpen(), closed,
                now.bytesIn() - start.bytesIn(), now.bytesOut() - start.bytesOut(),
                now.datagramsIn() - start.datagramsIn(), now.datagramsOut() - start.datagramsOut(), dropped);
    }
}
