package io.inetty.bench;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP churn worker (echo): connect, send one message, read its echo and check it, close (the client closes
 * first), and again. The latency is the whole cycle, from the connect to the last byte of the echo.
 */
final class ChurnConn extends Conn {
    private final Echo echo = new Echo(run.payload);
    private long offset;
    /** The current channel is being closed on purpose (done, or after a counted error). */
    private boolean closing;
    /** The cycle ended in an error: the next one waits for the reconnect pause. */
    private boolean failed;

    ChurnConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    ChannelFuture open() {
        return null;
    }

    @Override
    void load() {
        cycle();
    }

    private void cycle() {
        if (run.stopping) {
            return;
        }
        offset = Payload.messageOffset(id, ++seq);
        echo.expect(offset, size);
        closing = false;
        failed = false;
        t0 = System.nanoTime();
        waitingSince = t0;
        requested();
        ChannelFuture connecting = run.tcp(this).connect(run.config.target);
        channel = connecting.channel();
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && !run.stopping) {
                waitingSince = 0;
                pending = false;
                stats.connectFailures.increment();
                run.later(f.channel(), this::cycle);
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(run.payload.slice(offset, size), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg); // this cycle is over
            return;
        }
        echo.read(msg, () -> fail(ctx, stats.mismatches), () -> {
            closing = true;
            waitingSince = 0;
            answered(size, System.nanoTime() - t0);
            ctx.close();
        });
    }

    /** The next cycle starts only once this channel is inactive, so two channels of a worker never overlap. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (run.stopping) {
            return;
        }
        if (!closing) {
            stats.connErrors.increment();
            pending = false;
            failed = true;
        }
        waitingSince = 0;
        if (failed) {
            run.later(ctx.channel(), this::cycle);
        } else {
            cycle();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, stats.connErrors);
    }

    private void fail(ChannelHandlerContext ctx, LongAdder kind) {
        if (!closing && !run.stopping) {
            kind.increment();
            pending = false;
        }
        closing = true;
        failed = true;
        ctx.close();
    }

    /** A stall of an open connection; a connect that hangs ends by the connect timeout (a connect failure). */
    @Override
    void restart() {
        if (channel.isActive()) {
            closing = true;
            failed = true;
            channel.close();
        }
    }
}
