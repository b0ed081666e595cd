package io.inetty.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * TCP sink (discard): writes chunks of the pattern for as long as the channel is writable; any byte the
 * server sends back is an error. Bytes count when handed to the channel (at most the 64 KiB write-buffer
 * high-water mark ahead of the socket).
 */
final class SinkConn extends TcpConn {
    private final int size;
    private ChannelHandlerContext ctx;
    private long sent;
    private final Pump pump = new Pump(this::writeOne, () -> { });

    SinkConn(Bench run, int id) {
        super(run, id);
        this.size = run.config.size();
    }

    @Override
    void begin(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        sent = Payload.messageOffset(id, 1);
        pump();
    }

    /** Writes one chunk unless the run is stopping. */
    private boolean writeOne() {
        if (run.stopping) {
            return false;
        }
        ctx.write(run.payload.slice(sent, size), ctx.voidPromise());
        sent += size;
        stats.bytes(size);
        return true;
    }

    private void pump() {
        pump.run(ctx);
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

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && this.ctx == ctx) {
            pump();
        }
    }
}
