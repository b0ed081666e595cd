package io.inetty.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An outbound stage to put in front of (nearer the head than) the handler under test: it holds back
 * flushes until told, emulating a socket whose send buffer does not drain at once. Without it an
 * {@link EmbeddedChannel} writes every flushed message out immediately, so it never stays unwritable.
 */
public final class FlushValve extends ChannelOutboundHandlerAdapter {
    private ChannelHandlerContext ctx;
    private int writes;
    private long bytesWritten;
    private int heldFlushes;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writes++;
        if (msg instanceof ByteBuf) {
            bytesWritten += ((ByteBuf) msg).readableBytes();
        } else if (msg instanceof ByteBufHolder) {
            bytesWritten += ((ByteBufHolder) msg).content().readableBytes();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        heldFlushes++;
    }

    /** Lets everything written so far out (one flush); later flushes are held again. */
    public void drain() {
        heldFlushes = 0;
        ctx.flush();
    }

    /** Messages written through this stage so far. */
    public int writes() {
        return writes;
    }

    /** Readable bytes written through this stage so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Flushes held back since the last {@link #drain}. */
    public int heldFlushes() {
        return heldFlushes;
    }
}
