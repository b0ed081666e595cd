package io.inetty.protocols.chargen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection's generator (stateful: its stream offset). Writes slices of the shared pattern while
 * the channel is writable, then flushes and waits for writability, so a slow reader costs no memory
 * beyond the write buffer's high-water mark. Input is ignored.
 *
 * <p>Fair to the other connections of its event loop: one turn of the loop writes at most {@link #TURN_BUDGET},
 * and the generator continues in a later turn through a scheduled task, which the loop takes up only after its
 * next round of I/O. (A task given to {@code execute()} would run in the same pass of the loop's task queue, and a
 * fast reader, whose writes always complete, would keep the loop away from every other socket for up to Netty's
 * one-second task quantum.)
 */
final class ChargenStream extends ChannelInboundHandlerAdapter {
    /**
     * What is queued is slices of the shared pattern (an entry of about 100 bytes each, no data), so the
     * connection may queue far more than the default 64 KiB (256 entries, about 25 KiB of heap): each flush
     * hands the kernel up to 4 MiB in one writev, and the generator wakes up 64 times less often
     * (measured: 2.6 GB/s with 64 KiB, 5.7 GB/s with 4 MiB, one connection on one core).
     */
    static final WriteBufferWaterMark QUEUE = new WriteBufferWaterMark(2 * 1024 * 1024, 4 * 1024 * 1024);

    /**
     * Bytes one connection may write in one turn of its event loop (16 slices). Measured with bench/fairness (two
     * chargen readers and a 64-byte echo ping-pong on one loop): 256 KiB keeps the ping-pong at 44 % of its solo
     * rate (p99 0.2 ms) and the readers at their solo throughput; 1 MiB left the ping-pong 12 %, 4 MiB 5 %.
     */
    static final int TURN_BUDGET = 256 * 1024;

    private ChannelHandlerContext ctx;
    private int offset;
    private boolean scheduled;
    private final Runnable resume = () -> {
        scheduled = false;
        generate(ctx);
    };

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // Only over Netty's default: a channel configured otherwise (e.g. a test's tiny marks) keeps its own.
        if (ctx.channel().config().getWriteBufferWaterMark() == WriteBufferWaterMark.DEFAULT) {
            ctx.channel().config().setWriteBufferWaterMark(QUEUE);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        generate(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            // Not inline: writability can turn back on inside our own flush.
            resumeNextTurn(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Continues after the event loop's next round of I/O. */
    private void resumeNextTurn(ChannelHandlerContext ctx) {
        if (!scheduled) {
            scheduled = true;
            ctx.executor().schedule(resume, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void generate(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (!ch.isActive() || ch instanceof DuplexChannel && ((DuplexChannel) ch).isOutputShutdown()) {
            return;
        }
        int written = 0;
        while (ch.isWritable() && written < TURN_BUDGET) {
            ctx.write(Pattern.slice(offset, Pattern.CHUNK), ctx.voidPromise());
            offset = (offset + Pattern.CHUNK) % Pattern.PERIOD;
            written += Pattern.CHUNK;
        }
        if (written > 0) {
            ctx.flush();
        }
        if (ch.isWritable()) {
            resumeNextTurn(ctx); // the turn's budget is spent, and the reader keeps up
        }
    }
}
