package io.inetty.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * TCP stream (echo): writes chunks of the pattern continuously while the channel is writable and less than
 * {@link BenchConfig#STREAM_WINDOW} bytes are unechoed, and checks every byte of the echo. Only verified
 * bytes count.
 */
final class StreamConn extends TcpConn {
    private final int size;
    private ChannelHandlerContext ctx;
    private long offset;
    private long sent;
    private long received;
    private final Pump pump = new Pump(this::writeOne, () -> {
        if (waitingSince == 0) {
            waitingSince = System.nanoTime();
        }
    });

    StreamConn(Bench run, int id) {
        super(run, id);
        this.size = run.config.size();
    }

    @Override
    void begin(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        offset = Payload.messageOffset(id, System.nanoTime() & 0xFFFF);
        sent = 0;
        received = 0;
        pump();
    }

    /** Writes one chunk if less than the window is unechoed. */
    private boolean writeOne() {
        if (sent - received >= BenchConfig.STREAM_WINDOW) {
            return false;
        }
        int n = (int) Math.min(size, BenchConfig.STREAM_WINDOW - (sent - received));
        ctx.write(run.payload.slice(offset + sent, n), ctx.voidPromise());
        sent += n;
        return true;
    }

    private void pump() {
        pump.run(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            int n = in.readableBytes();
            if (received + n > sent || !run.payload.matches(in, in.readerIndex(), offset + received, n)) {
                fail(ctx, stats.mismatches);
                return;
            }
            received += n;
            stats.bytes(n);
            waitingSince = received == sent ? 0 : System.nanoTime();
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && this.ctx == ctx) {
            pump();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && this.ctx == ctx) {
            pump();
        }
    }
}
