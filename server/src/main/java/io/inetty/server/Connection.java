package io.inetty.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First server stage of one accepted connection (stateful): registers it for shutdown, counts its bytes,
 * enforces the session limits, closes it on idleness and once the peer has finished sending and every
 * reply is written, drains it when the server stops (flush, then shut down output so the peer sees EOF;
 * input arriving after that is dropped), and writes its access-log line when it ends.
 */
final class Connection extends ChannelDuplexHandler {
    private static final Logger access = LoggerFactory.getLogger(AccessLog.TCP);

    private final String service;
    private final ChannelGroup group;
    private final Limits limits;
    private final Metrics metrics;
    private final Metrics.Service counters;
    private final long start = System.nanoTime();
    private long bytesIn;
    private long bytesOut;
    private CloseReason reason;
    private boolean draining;
    private ScheduledFuture<?> sessionTimer;

    Connection(String service, ChannelGroup group, Limits limits, Metrics metrics, Metrics.Service counters) {
        this.service = service;
        this.group = group;
        this.limits = limits;
        this.metrics = metrics;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        group.add(ctx.channel());
        if (!limits.maxSession().isZero()) {
            sessionTimer = ctx.executor().schedule(() -> end(ctx, CloseReason.SESSION_LIMIT),
                    limits.maxSession().toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (draining) {
            ReferenceCountUtil.release(msg);
            return;
        }
        bytesIn += size(msg);
        if (limits.maxSessionBytes() > 0 && bytesIn > limits.maxSessionBytes()) {
            ReferenceCountUtil.release(msg);
            end(ctx, CloseReason.SESSION_LIMIT);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (draining && !(msg instanceof ByteBuf && !((ByteBuf) msg).isReadable())) {
            // A generator (chargen) still producing while we drain: what it owed is flushed already.
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            return;
        }
        bytesOut += size(msg);
        ctx.write(msg, promise);
        if (limits.maxSessionBytes() > 0 && bytesOut >= limits.maxSessionBytes()) {
            end(ctx, CloseReason.SESSION_LIMIT);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The peer will send nothing more: close once everything written so far has left.
            reason(CloseReason.CLIENT_CLOSED);
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (evt instanceof IdleStateEvent) {
            end(ctx, CloseReason.IDLE);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        CloseReason r = reason == null ? CloseReason.DONE : reason;
        counters.bytesIn.add(bytesIn);
        counters.bytesOut.add(bytesOut);
        metrics.ended(r);
        if (access.isInfoEnabled()) {
            Channel ch = ctx.channel();
            access.info("tcp {} peer={} local={} in={} out={} ms={} reason={}", service,
                    Endpoint.format((InetSocketAddress) ch.remoteAddress()),
                    Endpoint.format((InetSocketAddress) ch.localAddress()), bytesIn, bytesOut,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), r.label());
        }
        ctx.fireChannelInactive();
    }

    /** Records why the connection ends; the first reason given wins. */
    void reason(CloseReason r) {
        if (reason == null) {
            reason = r;
        }
    }

    private void end(ChannelHandlerContext ctx, CloseReason r) {
        reason(r);
        ctx.close();
    }

    /** Starts the drain of one connection at stop; runs on the channel's event loop. */
    static void drain(Channel ch) {
        ch.eventLoop().execute(() -> {
            Connection c = ch.pipeline().get(Connection.class);
            if (!ch.isActive() || c == null || c.draining) {
                return;
            }
            c.draining = true;
            c.reason(CloseReason.SHUTDOWN);
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (ch instanceof DuplexChannel && ch.isActive()) {
                    ((DuplexChannel) ch).shutdownOutput();
                } else {
                    ch.close();
                }
            });
        });
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf) {
            return ((ByteBuf) msg).readableBytes();
        }
        if (msg instanceof ByteBufHolder) {
            return ((ByteBufHolder) msg).content().readableBytes();
        }
        return 0;
    }
}
