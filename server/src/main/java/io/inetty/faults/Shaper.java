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

    /** Held data (or, with a null buffer, the end of the stream) and when its next part is due. */
    static final class Chunk {
        final ByteBuf buf;
        final ChannelPromise promise;
        final Runnable end;
        long due;
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

    /** Sets when the new chunk {@code c} (its first part) is due. */
    abstract void arrive(Chunk c, long now);

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
        arrive(c, now());
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
        c.due = now();
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

    /** Lets go of every part that is due, then waits for the next one. */
    final void drain() {
        timer = null;
        if (ctx.isRemoved()) {
            return;
        }
        boolean free = active.removed() || faultClosing();
        long now = now();
        boolean out = false;
        for (Chunk c; (c = queue.peek()) != null; ) {
            if (!free && c.due > now) {
                timer = schedule(this::drain, c.due - now);
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
            backlog().remove(n);
            if (n >= readable) {
                queue.poll();
                emit(c.buf, c.promise);
            } else {
                emit(c.buf.readRetainedSlice(n), null);
            }
            out = true;
            if (!free) {
                sent(c, n);
            }
        }
        if (out) {
            flushOut();
        }
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
