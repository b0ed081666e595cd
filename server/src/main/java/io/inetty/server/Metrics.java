package io.inetty.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every counter of a server, in one place, ready to be exported: connections open, accepted and ended
 * or refused by reason; bytes and datagrams per service and transport; UDP drops by cause. Hot paths
 * count in per-channel fields and add here when a connection closes or a UDP socket reports.
 */
public final class Metrics {
    /** Why a datagram got no answer. */
    public enum Drop {
        /** Refused by access control. */
        DENIED,
        /** A strict-mode source: port below 1024, broadcast or multicast. */
        STRICT,
        /** The source's reply budget was spent (amplification guard). */
        BUDGET,
        /** The socket's send queue was full. */
        QUEUE_FULL
    }

    final AtomicInteger open = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final Map<CloseReason, LongAdder> ended = new EnumMap<>(CloseReason.class);
    private final Map<String, Service> services = new ConcurrentHashMap<>();

    Metrics() {
        for (CloseReason r : CloseReason.values()) {
            ended.put(r, new LongAdder());
        }
    }

    /** Counters of one service on one transport. */
    static final class Service {
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder messagesIn = new LongAdder();
        final LongAdder messagesOut = new LongAdder();
        final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);

        Service() {
            for (Drop d : Drop.values()) {
                drops.put(d, new LongAdder());
            }
        }
    }

    Service service(String name, Transport transport) {
        return services.computeIfAbsent(name + "." + transport.label(), k -> new Service());
    }

    void accepted() {
        accepted.increment();
    }

    void ended(CloseReason reason) {
        ended.get(reason).increment();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Connections ended or refused for {@code reason} so far. */
    public long count(CloseReason reason) {
        return ended.get(reason).sum();
    }

    /**
     * A point-in-time copy of every counter under stable dotted names, e.g. {@code connections.open},
     * {@code connections.accepted}, {@code connections.closed.idle}, {@code echo.tcp.bytes_in},
     * {@code chargen.udp.datagrams_out}, {@code chargen.udp.dropped.budget}.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        out.put("connections.open", (long) open.get());
        out.put("connections.accepted", accepted.sum());
        ended.forEach((r, n) -> out.put("connections.closed." + r.label(), n.sum()));
        services.forEach((name, s) -> {
            boolean udp = name.endsWith(".udp");
            out.put(name + ".bytes_in", s.bytesIn.sum());
            out.put(name + ".bytes_out", s.bytesOut.sum());
            if (udp) {
                out.put(name + ".datagrams_in", s.messagesIn.sum());
                out.put(name + ".datagrams_out", s.messagesOut.sum());
                s.drops.forEach((d, n) -> out.put(name + ".dropped." + d.name().toLowerCase(java.util.Locale.ROOT), n.sum()));
            }
        });
        return out;
    }
}
