package io.inetty.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of every pipeline ({@link Stages#ERRORS}, stateless). A connection that fails (reset by peer,
 * write to a closed socket) is closed with reason {@code error} and logged at debug; a UDP socket stays open,
 * since one bad datagram (or an ICMP error for an earlier reply) must not stop a service. A half-close of the
 * peer that no stage consumed closes the connection once every reply has left. Anything else that reaches it
 * is released.
 */
@Sharable
final class ErrorHandler extends ChannelInboundHandlerAdapter {
    static final ErrorHandler INSTANCE = new ErrorHandler();
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    private ErrorHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", ctx.channel(), cause.toString());
        if (ctx.channel() instanceof DatagramChannel) {
            return;
        }
        ConnectionControl.close(ctx.channel(), CloseReason.ERROR);
    }
}
