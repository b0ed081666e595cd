package io.inetty.junit;

import io.inetty.server.MetricKey;
import io.inetty.server.MetricsSnapshot;
import io.inetty.server.ServiceStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counters since a starting point: each counter minus its value then; the open-connection gauge as it is now. */
final class Deltas {
    private Deltas() {
    }

    static MetricsSnapshot since(MetricsSnapshot start, MetricsSnapshot now) {
        Map<MetricKey, ServiceStats> out = new LinkedHashMap<>();
        now.services().forEach((k, s) -> out.put(k, s.minus(start.of(k.service(), k.transport()))));
        return new MetricsSnapshot(out);
    }
}
