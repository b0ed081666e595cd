package io.inetty.server;

import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one service on one transport (or their sum), at one moment. TCP bytes include those of
 * connections still open; UDP figures count only what was received, and what left the socket.
 *
 * @param connectionsAccepted connections admitted
 * @param connectionsOpen     connections open now
 * @param connectionsClosed   connections ended or refused, by reason
 * @param bytesIn             payload bytes received
 * @param bytesOut            payload bytes sent
 * @param datagramsIn         datagrams received
 * @param datagramsOut        datagrams sent
 * @param datagramsDropped    datagrams dropped without answer, or replies dropped, by reason
 */
public record ServiceStats(long connectionsAccepted, long connectionsOpen, Map<CloseReason, Long> connectionsClosed,
                           long bytesIn, long bytesOut, long datagramsIn, long datagramsOut,
                           Map<DropReason, Long> datagramsDropped) {
    /** All zero. */
    public static final ServiceStats ZERO = new ServiceStats(0, 0, zeros(CloseReason.class), 0, 0, 0, 0,
            zeros(DropReason.class));

    /** Copies the maps. */
    public ServiceStats {
        connectionsClosed = Map.copyOf(connectionsClosed);
        datagramsDropped = Map.copyOf(datagramsDropped);
    }

    /** Connections ended or refused for {@code reason}. */
    public long closed(CloseReason reason) {
        return connectionsClosed.getOrDefault(reason, 0L);
    }

    /** Datagrams dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return datagramsDropped.getOrDefault(reason, 0L);
    }

    /** The sum of these counters and {@code other}'s. */
    public ServiceStats plus(ServiceStats other) {
        Map<CloseReason, Long> closed = new EnumMap<>(CloseReason.class);
        for (CloseReason r : CloseReason.values()) {
            closed.put(r, closed(r) + other.closed(r));
        }
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason d : DropReason.values()) {
            dropped.put(d, dropped(d) + other.dropped(d));
        }
        return new ServiceStats(connectionsAccepted + other.connectionsAccepted, connectionsOpen + other.connectionsOpen,
                closed, bytesIn + other.bytesIn, bytesOut + other.bytesOut, datagramsIn + other.datagramsIn,
                datagramsOut + other.datagramsOut, dropped);
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        Map<E, Long> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            out.put(e, 0L);
        }
        return out;
    }
}
