package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongBinaryOperator;

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
        requireNonNull(other, "other");
        return combine(other, Long::sum, connectionsOpen + other.connectionsOpen);
    }

    /** These counters minus {@code other}'s, with the open-connection gauge as it is here. */
    public ServiceStats minus(ServiceStats other) {
        requireNonNull(other, "other");
        return combine(other, (a, b) -> a - b, connectionsOpen);
    }

    private ServiceStats combine(ServiceStats other, LongBinaryOperator op, long open) {
        Map<CloseReason, Long> closed = new EnumMap<>(CloseReason.class);
        for (CloseReason r : CloseReason.values()) {
            closed.put(r, op.applyAsLong(closed(r), other.closed(r)));
        }
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason d : DropReason.values()) {
            dropped.put(d, op.applyAsLong(dropped(d), other.dropped(d)));
        }
        return new ServiceStats(op.applyAsLong(connectionsAccepted, other.connectionsAccepted), open, closed,
                op.applyAsLong(bytesIn, other.bytesIn), op.applyAsLong(bytesOut, other.bytesOut),
                op.applyAsLong(datagramsIn, other.datagramsIn), op.applyAsLong(datagramsOut, other.datagramsOut),
                dropped);
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        Map<E, Long> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            out.put(e, 0L);
        }
        return out;
    }
}
