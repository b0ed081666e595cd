package io.inetty.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of every pipeline: a connection that fails (reset by peer, write to a closed socket) is
 * closed with reason {@code error} and logged at debug; a UDP socket stays open, since one bad datagram
 * (or an ICMP error for an earlier reply) must not stop a service.
 */
@Sharable
final class ErrorHandler extends ChannelInboundHandlerAdapter {
    static final ErrorHandler INSTANCE = new ErrorHandler();
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    private ErrorHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", ctx.channel(), cause.toString());
        if (ctx.channel() instanceof DatagramChannel) {
            return;
        }
        Connection c = ctx.pipeline().get(Connection.class);
        if (c != null) {
            c.reason(CloseReason.ERROR);
        }
        ctx.close();
    }
}
