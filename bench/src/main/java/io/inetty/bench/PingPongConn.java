package io.inetty.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * TCP pingpong: sends a message (a distinct slice of the pattern), waits for exactly those bytes back, checks
 * each byte, and repeats; with {@code --rate}, sends follow a fixed timetable ({@link Pacer}).
 */
final class PingPongConn extends TcpConn {
    private final int size;
    private final Pacer pacer;
    private ChannelHandlerContext ctx;
    private long seq;
    private long offset;
    private int received;
    /** Where latency is measured from: the actual send, or its due time under --rate. */
    private long t0;
    private boolean waiting;

    PingPongConn(Bench run, int id, Pacer pacer) {
        super(run, id);
        this.size = run.config.size();
        this.pacer = pacer;
    }

    @Override
    void start() {
        if (pacer != null) {
            pacer.shift(run.loadStart);
        }
        super.start();
    }

    @Override
    void begin(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        waiting = false;
        next();
    }

    /** Sends now, or when due under --rate. */
    private void next() {
        if (pacer == null) {
            send(System.nanoTime());
            return;
        }
        if (stats.measuring) {
            pacer.openWindow(System.nanoTime());
        }
        long wait = pacer.due() - System.nanoTime();
        if (wait > 0) {
            ChannelHandlerContext c = ctx;
            ctx.executor().schedule(() -> {
                if (c == ctx && c.channel().isActive()) {
                    send(pacer.advance());
                }
            }, wait, TimeUnit.NANOSECONDS);
        } else {
            send(pacer.advance());
        }
    }

    private void send(long from) {
        seq++;
        offset = Payload.messageOffset(id, seq);
        received = 0;
        t0 = from;
        waiting = true;
        waitingSince = System.nanoTime();
        ctx.writeAndFlush(run.payload.slice(offset, size), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            int n = in.readableBytes();
            if (!waiting || received + n > size || !run.payload.matches(in, in.readerIndex(), offset + received, n)) {
                fail(ctx, stats.mismatches);
                return;
            }
            received += n;
            if (received == size) {
                long now = System.nanoTime();
                waiting = false;
                waitingSince = 0;
                stats.message(size, now - t0);
                next();
            }
        } finally {
            in.release();
        }
    }
}
