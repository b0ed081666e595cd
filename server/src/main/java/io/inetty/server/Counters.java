package io.inetty.server;

import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live counters of one service and transport. Each thread (an event loop) counts in its own slots,
 * written only by it with opaque stores (no lock, no CAS, no shared cache line on the hot path) and read
 * by a snapshot from any thread; the snapshot sums every thread's slots, so it is current at any read.
 */
final class Counters {
    static final int ACCEPTED = 0;
    static final int OPEN = 1;
    static final int BYTES_IN = 2;
    static final int BYTES_OUT = 3;
    static final int DATAGRAMS_IN = 4;
    static final int DATAGRAMS_OUT = 5;
    private static final int CLOSED = 6;
    private static final int DROPPED = CLOSED + CloseReason.values().length;
    private static final int SLOTS = DROPPED + DropReason.values().length;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    final MetricKey key;
    private final List<long[]> all = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<long[]> mine = new FastThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            long[] slots = new long[SLOTS];
            all.add(slots);
            return slots;
        }
    };

    Counters(MetricKey key) {
        this.key = key;
    }

    /** This thread's slots; keep the reference while on this thread (a connection keeps its loop's). */
    long[] local() {
        return mine.get();
    }

    /** Adds {@code n} to a slot of this thread's {@code slots}. */
    static void add(long[] slots, int slot, long n) {
        SLOT.setOpaque(slots, slot, slots[slot] + n);
    }

    static void closed(long[] slots, CloseReason reason) {
        add(slots, CLOSED + reason.ordinal(), 1);
    }

    static void dropped(long[] slots, DropReason reason, long n) {
        add(slots, DROPPED + reason.ordinal(), n);
    }

    ServiceStats stats() {
        long[] sum = new long[SLOTS];
        for (long[] slots : all) {
            for (int i = 0; i < SLOTS; i++) {
                sum[i] += (long) SLOT.getOpaque(slots, i);
            }
        }
        Map<CloseReason, Long> closed = new EnumMap<>(CloseReason.class);
        for (CloseReason r : CloseReason.values()) {
            closed.put(r, sum[CLOSED + r.ordinal()]);
        }
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason d : DropReason.values()) {
            dropped.put(d, sum[DROPPED + d.ordinal()]);
        }
        return new ServiceStats(sum[ACCEPTED], sum[OPEN], closed, sum[BYTES_IN], sum[BYTES_OUT], sum[DATAGRAMS_IN],
                sum[DATAGRAMS_OUT], dropped);
    }
}
