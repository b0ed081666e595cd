package io.inetty.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * TCP stream (echo): writes chunks of the pattern continuously while the channel is writable and less than
 * {@link BenchConfig#STREAM_WINDOW} bytes are unechoed, and checks every byte of the echo. Only verified
 * bytes count.
 */
final class StreamConn extends WriterConn {
    /** Where this channel's stream starts in the pattern; bytes written and bytes echoed since. */
    private long offset;
    private long sent;
    private long received;

    StreamConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    void reset() {
        offset = Payload.messageOffset(id, System.nanoTime() & 0xFFFF);
        sent = 0;
        received = 0;
    }

    @Override
    boolean writeOne() {
        if (sent - received >= BenchConfig.STREAM_WINDOW) {
            return false;
        }
        int n = (int) Math.min(size, BenchConfig.STREAM_WINDOW - (sent - received));
        ctx.write(run.payload.slice(offset + sent, n), ctx.voidPromise());
        sent += n;
        return true;
    }

    @Override
    void beforeFlush() {
        if (waitingSince == 0) {
            waitingSince = System.nanoTime();
        }
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
            replied = true;
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
}
