package io.inetty.faults;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * A TCP fault that holds its stream's data and lets it go later, in order: latency, bandwidth, slicer. Chunks wait
 * in a queue with the time their next part is due; the end of the upstream waits behind them. What is held counts
 * in the connection's {@link Backlog}, so a fast sender is paused instead of buffered without bound. A removed
 * fault lets everything go at once.
 */
abstract class Shaper extends TcpStage {
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private Backlog backlog;
    private ScheduledFuture<?> timer;
    private long timerAt;
    private boolean draining;
    private boolean again;

    /** Held data (or, with a null buffer, the end of the stream) and when its next part is due. */
    static final class Chunk {
        final ByteBuf buf;
        final ChannelPromise promise;
        final Runnable end;
        /** When it arrived. */
        long arrived;
        /** When its next part is due; set when it becomes the head of the queue. */
        long due;
        boolean started;
        /** The slicer's plan: slice sizes, and the next one. */
        int[] slices;
        int slice;

        Chunk(ByteBuf buf, ChannelPromise promise, Runnable end) {
            this.buf = buf;
            this.promise = promise;
            this.end = end;
        }
    }

    Shaper(ActiveFault active, long index) {
        super(active, index);
    }

    /**
     * When the first part of {@code c} is due; called once, when it becomes the head of the queue (so that it sees
     * the state the chunks ahead of it left, e.g. when the link is free again).
     */
    abstract long start(Chunk c);

    /** How many bytes of the head chunk leave now (all of it by default). */
    int take(Chunk c) {
        return c.buf.readableBytes();
    }

    /** {@code n} bytes of {@code c} left at {@code c.due}: set when its next part is due. */
    void sent(Chunk c, int n) {
    }

    @Override
    void started() {
        backlog = Backlog.of(ctx.channel(), upstream);
    }

    @Override
    final void data(ByteBuf buf, ChannelPromise promise) {
        Chunk c = new Chunk(buf, promise, null);
        c.arrived = now();
        queue.add(c);
        backlog().add(buf.readableBytes());
        drain();
    }

    @Override
    final void end(Runnable pass) {
        if (queue.isEmpty()) {
            pass.run();
            return;
        }
        Chunk c = new Chunk(null, null, pass);
        c.arrived = c.due = now();
        c.started = true;
        queue.add(c);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!upstream || queue.isEmpty()) {
            ctx.fireChannelReadComplete(); // held data gets its own read-complete when it leaves
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (upstream || queue.isEmpty()) {
            ctx.flush(); // held data is flushed when it leaves
        }
    }

    /**
     * Lets go of every part that is due, then waits for the next one. Not re-entered: passing data on may call back
     * into this stage (a writer woken by writability writes again); such a call only asks for one more round.
     */
    final void drain() {
        if (draining) {
            again = true;
            return;
        }
        draining = true;
        try {
            do {
                again = false;
                drainOnce();
            } while (again);
        } finally {
            draining = false;
        }
    }

    private void drainOnce() {
        if (ctx.isRemoved()) {
            return;
        }
        boolean free = active.removed() || faultClosing();
        long now = now();
        boolean out = false;
        for (Chunk c; (c = queue.peek()) != null; ) {
            if (!c.started) {
                c.started = true;
                c.due = start(c);
            }
            if (!free && c.due > now) {
                wake(c.due, now);
                break;
            }
            if (c.buf == null) {
                queue.poll();
                if (out) {
                    flushOut();
                    out = false;
                }
                c.end.run();
                continue;
            }
            int readable = c.buf.readableBytes();
            int n = free ? readable : Math.min(readable, take(c));
            if (!free) {
                sent(c, n); // the state first: passing data on may call back into this stage
            }
            backlog().remove(n);
            if (n >= readable) {
                queue.poll();
                emit(c.buf, c.promise);
            } else {
                emit(c.buf.readRetainedSlice(n), null);
            }
            out = true;
        }
        if (out) {
            flushOut();
        }
    }

    /** Runs {@link #drain} at {@code due}, unless a timer runs it earlier already. */
    private void wake(long due, long now) {
        if (timer != null && timerAt <= due) {
            return;
        }
        cancel(timer);
        timerAt = due;
        timer = schedule(() -> {
            timer = null;
            drain();
        }, due - now);
    }

    private Backlog backlog() {
        if (backlog == null) {
            backlog = Backlog.of(ctx.channel(), upstream);
        }
        return backlog;
    }

    @Override
    final void stopped() {
        cancel(timer);
        timer = null;
        for (Chunk c; (c = queue.poll()) != null; ) {
            if (c.buf != null) {
                backlog().remove(c.buf.readableBytes());
                c.buf.release();
            }
            if (c.promise != null) {
                c.promise.tryFailure(new ClosedChannelException());
            }
        }
    }
}
