package io.inetty.faults;

import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The datagrams one UDP socket's faults hold back: delayed ({@code latency}), paced ({@code rate}) or held for
 * reordering ({@code reorder}); at most {@link #LIMIT} at a time (netem's default queue limit), further ones are
 * dropped. A held datagram goes on through the remaining faults when its time comes.
 */
final class UdpHolds {
    /** Datagrams held per socket at most, as netem's default {@code limit 1000}. */
    static final int LIMIT = 1000;
    /** How long {@code reorder} holds a datagram when fewer than {@code gap} others follow it. */
    static final long MAX_REORDER_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final UdpFaultStage stage;
    private final Set<Held> held = new LinkedHashSet<>();
    /** Per rate fault: when its link is free again. */
    private final Map<ActiveFault, long[]> free = new IdentityHashMap<>();
    /** Per reorder fault: the datagrams waiting for {@code gap} others to pass. */
    private final Map<ActiveFault, List<Held>> reordered = new IdentityHashMap<>();

    UdpHolds(UdpFaultStage stage) {
        this.stage = stage;
    }

    /** A datagram held at fault {@code next - 1}, to go on at fault {@code next}. */
    private final class Held implements Runnable {
        final DatagramPacket p;
        final ActiveFault[] all;
        final int next;
        final Stream s;
        final InetSocketAddress client;
        int countdown;
        ActiveFault reorderedBy;
        ScheduledFuture<?> timer;

        Held(DatagramPacket p, ActiveFault[] all, int next, Stream s, InetSocketAddress client) {
            this.p = p;
            this.all = all;
            this.next = next;
            this.s = s;
            this.client = client;
        }

        @Override
        public void run() {
            held.remove(this);
            List<Held> waiting = reorderedBy == null ? null : reordered.get(reorderedBy);
            if (waiting != null) {
                waiting.remove(this);
            }
            stage.run(p, all, next, s, client, true);
        }
    }

    /** Holds {@code p} for {@code nanos}, then passes it on from fault {@code i + 1}. */
    void delay(DatagramPacket p, ActiveFault[] all, int i, Stream s, InetSocketAddress client, long nanos) {
        Held h = hold(p, all, i, s, client);
        if (h != null) {
            h.timer = stage.ctx.executor().schedule(h, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Paces {@code p} at fault {@code a}'s rate: true if it was held (or dropped, the queue being full). */
    boolean pace(DatagramPacket p, ActiveFault[] all, int i, Stream s, InetSocketAddress client, ActiveFault a, Fault f) {
        long pps = f.count(Attr.PPS);
        long cost = pps > 0 ? 1_000_000_000L / pps : p.content().readableBytes() * 1_000_000L / f.count(Attr.RATE);
        long now = stage.ctx.executor().ticker().nanoTime();
        long[] link = free.computeIfAbsent(a, k -> new long[] {now});
        long due = Math.max(now, link[0]);
        if (due <= now) {
            link[0] = now + cost;
            return false;
        }
        if (held.size() >= LIMIT) {
            p.release();
            return true;
        }
        link[0] = due + cost;
        delay(p, all, i, s, client, due - now);
        prune(free);
        return true;
    }

    /** Holds {@code p} until {@code gap} later datagrams have passed fault {@code a} (or {@link #MAX_REORDER_HOLD_NANOS}). */
    void reorder(DatagramPacket p, ActiveFault[] all, int i, Stream s, InetSocketAddress client, ActiveFault a, int gap) {
        Held h = hold(p, all, i, s, client);
        if (h == null) {
            return;
        }
        h.countdown = gap;
        h.reorderedBy = a;
        reordered.computeIfAbsent(a, k -> new ArrayList<>()).add(h);
        h.timer = stage.ctx.executor().schedule(h, MAX_REORDER_HOLD_NANOS, TimeUnit.NANOSECONDS);
        prune(reordered);
    }

    /** {@code p} passed reorder fault {@code a}: it goes on, then the held datagrams it was the last of the gap for. */
    void passed(ActiveFault a, DatagramPacket p, ActiveFault[] all, int i, Stream s, InetSocketAddress client,
                boolean later) {
        stage.run(p, all, i + 1, s, client, later);
        List<Held> waiting = reordered.get(a);
        if (waiting == null) {
            return;
        }
        for (Held h : List.copyOf(waiting)) {
            if (--h.countdown <= 0) {
                waiting.remove(h);
                held.remove(h);
                h.timer.cancel(false);
                stage.run(h.p, h.all, h.next, h.s, h.client, later);
            }
        }
    }

    private Held hold(DatagramPacket p, ActiveFault[] all, int i, Stream s, InetSocketAddress client) {
        if (held.size() >= LIMIT) {
            p.release();
            return null;
        }
        Held h = new Held(p, all, i + 1, s, client);
        held.add(h);
        return h;
    }

    /** Forgets the state of removed faults. */
    private static void prune(Map<ActiveFault, ?> state) {
        if (state.size() > 8) {
            state.keySet().removeIf(ActiveFault::removed);
        }
    }

    /** Releases every held datagram (the socket closed). */
    void releaseAll() {
        for (Held h : held) {
            if (h.timer != null) {
                h.timer.cancel(false);
            }
            h.p.release();
        }
        held.clear();
        reordered.clear();
    }
}
