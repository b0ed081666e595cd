package io.inetty.faults;

import io.inetty.server.CloseReason;
import io.inetty.server.ConnectionControl;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One TCP fault on one connection ({@code inetty.faults.N}, stateful), acting on one {@link Stream}: upstream on
 * the bytes the service reads (and on the client's end of input), downstream on the bytes the service writes. The
 * subclasses see only their stream's data; everything else passes. Time comes from the event loop's ticker, so a
 * test drives it with {@code EmbeddedChannel.freezeTime()} and {@code advanceTimeBy}.
 */
abstract class TcpStage extends ChannelDuplexHandler {
    /** Set on a connection a fault is ending, so that other fault stages do not hold the close back. */
    static final AttributeKey<Boolean> FAULT_CLOSING = AttributeKey.valueOf(TcpStage.class, "faultClosing");

    final ActiveFault active;
    final boolean upstream;
    /** This connection's own seeded random numbers (jitter, slice sizes). */
    final SplittableRandom random;
    ChannelHandlerContext ctx;

    TcpStage(ActiveFault active, long index) {
        this.active = active;
        this.upstream = active.fault().stream() == Stream.UPSTREAM;
        this.random = active.connectionRandom(index);
    }

    /** Data of this fault's stream; the subclass passes it on with {@link #emit}, holds it, or drops it. */
    abstract void data(ByteBuf buf, ChannelPromise promise);

    /** The end of the upstream (the client's FIN); {@code pass} passes it on. */
    void end(Runnable pass) {
        pass.run();
    }

    /** The connection is open. */
    void started() {
    }

    /** The connection ended or the stage was removed: release what is held, cancel timers. */
    void stopped() {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        started();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (upstream && msg instanceof ByteBuf) {
            data((ByteBuf) msg, null);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!upstream && msg instanceof ByteBuf) {
            data((ByteBuf) msg, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (upstream && evt instanceof ChannelInputShutdownEvent) {
            end(() -> ctx.fireUserEventTriggered(evt));
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopped();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopped();
    }

    /** Passes data of this stream on to the next stage. */
    final void emit(ByteBuf buf, ChannelPromise promise) {
        if (upstream) {
            ctx.fireChannelRead(buf);
        } else if (promise != null) {
            ctx.write(buf, promise);
        } else {
            ctx.write(buf);
        }
    }

    /** Ends a burst of {@link #emit}s: read complete upstream, flush downstream. */
    final void flushOut() {
        if (upstream) {
            ctx.fireChannelReadComplete();
        } else {
            ctx.flush();
        }
    }

    /** Drops data (a downstream writer is told it was written, as with a lossy network). */
    static void drop(ByteBuf buf, ChannelPromise promise) {
        buf.release();
        if (promise != null) {
            promise.trySuccess();
        }
    }

    /** Ends the connection for this fault: FIN, or with {@code reset} an RST (SO_LINGER 0, then close). */
    final void faultClose(boolean reset) {
        Channel ch = ctx.channel();
        ch.attr(FAULT_CLOSING).set(Boolean.TRUE);
        if (reset) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ConnectionControl.close(ch, CloseReason.FAULT);
    }

    final boolean faultClosing() {
        return Boolean.TRUE.equals(ctx.channel().attr(FAULT_CLOSING).get());
    }

    final Fault fault() {
        return active.fault();
    }

    final long now() {
        return ctx.executor().ticker().nanoTime();
    }

    final ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return ctx.executor().schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
