package io.inetty.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * First stage of every accepted connection: registers it for shutdown, closes it once the peer has
 * finished sending and every reply is written, and drains it when the server stops (flush, then
 * shut down output so the peer sees EOF; input arriving after that is dropped).
 */
@Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> DRAINING = AttributeKey.valueOf(ConnectionTracker.class, "draining");

    private final ChannelGroup accepted;

    ConnectionTracker(ChannelGroup accepted) {
        this.accepted = accepted;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        accepted.add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(DRAINING)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The peer will send nothing more: close once everything written so far has left.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Starts the drain of one connection; runs on the channel's event loop. */
    static void drain(Channel ch) {
        ch.eventLoop().execute(() -> {
            if (!ch.isActive() || ch.hasAttr(DRAINING)) {
                return;
            }
            ch.attr(DRAINING).set(Boolean.TRUE);
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (ch instanceof DuplexChannel && ch.isActive()) {
                    ((DuplexChannel) ch).shutdownOutput();
                } else {
                    ch.close();
                }
            });
        });
    }

    /** Whether the server has begun draining this connection (services stop producing output). */
    static boolean isDraining(Channel ch) {
        return ch.hasAttr(DRAINING);
    }
}
