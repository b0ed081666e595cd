package io.inetty.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * TCP sink (discard): writes chunks of the pattern for as long as the channel is writable; any byte the
 * server sends back is an error. Bytes count when handed to the channel (at most the 64 KiB write-buffer
 * high-water mark ahead of the socket).
 */
final class SinkConn extends WriterConn {
    /** Where the next chunk starts in the pattern. */
    private long next;

    SinkConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    void reset() {
        next = Payload.messageOffset(id, 1);
    }

    @Override
    boolean writeOne() {
        if (run.stopping) {
            return false;
        }
        ctx.write(run.payload.slice(next, size), ctx.voidPromise());
        next += size;
        stats.bytes(size);
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!run.stopping) {
                stats.extraBytes.add(in.readableBytes());
            }
        } finally {
            in.release();
        }
    }
}
