package io.inetty.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
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
    /** The user-defined writability bit the server clears on a sealed connection. */
    private static final int SEALED_BIT = 31;
    /** How long a connection ended by a limit may take to flush before it is closed anyway. */
    static final long FINISH_GRACE_SECONDS = 2;

    /** What every connection of one service shares. */
    record Shared(String service, Connections registry, Admission admission, Limits limits, Metrics metrics,
                  Metrics.Service counters) {
    }

    private final Shared shared;
    private final long start = System.nanoTime();
    private Channel channel;
    /** Neighbours in the registry's per-loop list (see {@link Connections}). */
    Connection prev;
    Connection next;
    private long bytesIn;
    private long bytesOut;
    private CloseReason reason;
    /**
     * Ending (shutdown drain or session limit): what was written is being flushed; later input and writes
     * are dropped, and the channel reads as unwritable.
     */
    private boolean sealed;
    private ScheduledFuture<?> sessionTimer;

    Connection(Shared shared) {
        this.shared = shared;
    }

    /** The head of a per-loop list. */
    static Connection sentinel() {
        Connection head = new Connection(null);
        head.prev = head.next = head;
        return head;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        shared.registry().add(ctx.executor(), this);
        Limits limits = shared.limits();
        if (!limits.maxSession().isZero()) {
            sessionTimer = ctx.executor().schedule(() -> finish(ctx, CloseReason.SESSION_LIMIT),
                    limits.maxSession().toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (sealed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        bytesIn += size(msg);
        long max = shared.limits().maxSessionBytes();
        if (max > 0 && bytesIn > max) {
            ReferenceCountUtil.release(msg);
            finish(ctx, CloseReason.SESSION_LIMIT);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (sealed && !(msg instanceof ByteBuf && !((ByteBuf) msg).isReadable())) {
            // A generator (chargen) still producing after the seal: what it owed is being flushed.
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            return;
        }
        bytesOut += size(msg);
        ctx.write(msg, promise);
        long max = shared.limits().maxSessionBytes();
        if (max > 0 && bytesOut >= max) {
            finish(ctx, CloseReason.SESSION_LIMIT);
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
        shared.registry().remove(this);
        shared.admission().release(ctx.channel());
        CloseReason r = reason == null ? CloseReason.DONE : reason;
        shared.counters().bytesIn.add(bytesIn);
        shared.counters().bytesOut.add(bytesOut);
        shared.metrics().ended(r);
        if (access.isInfoEnabled()) {
            Channel ch = ctx.channel();
            access.info("tcp {} peer={} local={} in={} out={} ms={} reason={}", shared.service(),
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

    /**
     * Ends the connection after what was written so far has left (so the access log's {@code out} is what
     * the peer got): stop reading, seal the output, flush, then close; a peer that does not read gets
     * {@link #FINISH_GRACE} before the close is forced.
     */
    private void finish(ChannelHandlerContext ctx, CloseReason r) {
        reason(r);
        if (sealed) {
            return;
        }
        seal(ctx.channel());
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, FINISH_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * No more output: later writes are dropped, and the channel reads as unwritable so that a generator
     * waiting for writability (chargen) stops instead of spinning on dropped writes.
     */
    private void seal(Channel ch) {
        sealed = true;
        ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
        if (out != null) {
            out.setUserDefinedWritability(SEALED_BIT, false);
        }
    }

    /** Starts the drain of one connection at stop; runs on the channel's event loop. */
    static void drain(Channel ch) {
        ch.eventLoop().execute(() -> {
            Connection c = ch.pipeline().get(Connection.class);
            if (!ch.isActive() || c == null || c.sealed) {
                return;
            }
            c.reason(CloseReason.SHUTDOWN);
            c.seal(ch);
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
