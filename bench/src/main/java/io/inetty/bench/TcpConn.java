package io.inetty.bench;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP connection kept open for the whole run (pingpong, stream, sink, source). After an error (counted once)
 * it is closed and reopened after a short pause, as loadgen does; a close by the server is a connection error.
 */
abstract class TcpConn extends Conn {
    /** The current channel is being closed on purpose: its end is not a connection error. */
    private boolean closing;

    TcpConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    void load() {
        if (ctx != null && channel.isActive()) {
            begin(ctx);
        }
    }

    /** Starts (or restarts, on a new channel) the load on this connection. */
    abstract void begin(ChannelHandlerContext ctx);

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        closing = false;
        if (started && !run.stopping) {
            begin(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waitingSince = 0;
        if (run.stopping) {
            return;
        }
        if (!closing) {
            stats.connErrors.increment();
            pending = false;
        }
        run.later(ctx.channel(), this::reopen);
    }

    private void reopen() {
        if (run.stopping) {
            return;
        }
        open().addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && !run.stopping) {
                stats.connectFailures.increment();
                run.later(f.channel(), this::reopen);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, stats.connErrors);
    }

    /** Counts one error of a kind (unless the channel is already going), closes the channel and reopens it. */
    void fail(ChannelHandlerContext ctx, LongAdder kind) {
        if (!closing && !run.stopping) {
            kind.increment();
            pending = false;
        }
        closing = true;
        waitingSince = 0;
        ctx.close();
    }

    @Override
    void restart() {
        closing = true;
        channel.close();
    }
}
