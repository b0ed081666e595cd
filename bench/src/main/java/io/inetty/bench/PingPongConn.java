package io.inetty.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/**
 * TCP pingpong: sends a message (a distinct slice of the pattern), waits for exactly those bytes back, checks
 * each byte, and repeats; with {@code --rate}, sends follow a fixed timetable ({@link Pacer}).
 */
final class PingPongConn extends TcpConn {
    private final Echo echo = new Echo(run.payload);
    private boolean waiting;

    PingPongConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    void begin(ChannelHandlerContext ctx) {
        waiting = false;
        next();
    }

    /** Sends now, or when due under --rate (unless the channel has changed meanwhile). */
    private void next() {
        ChannelHandlerContext c = ctx;
        paced(c.executor(), from -> {
            if (c == ctx && c.channel().isActive()) {
                send(from);
            }
        });
    }

    private void send(long from) {
        long offset = Payload.messageOffset(id, ++seq);
        echo.expect(offset, size);
        t0 = from;
        waiting = true;
        waitingSince = System.nanoTime();
        requested();
        ctx.writeAndFlush(run.payload.slice(offset, size), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!waiting) {
            ReferenceCountUtil.release(msg);
            fail(ctx, stats.mismatches); // bytes nobody asked for
            return;
        }
        echo.read(msg, () -> fail(ctx, stats.mismatches), () -> {
            waiting = false;
            waitingSince = 0;
            answered(size, System.nanoTime() - t0);
            next();
        });
    }
}
