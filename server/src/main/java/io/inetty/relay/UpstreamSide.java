package io.inetty.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream side of one relayed TCP connection: what the upstream sends goes to the client through the client's
 * pipeline (so the downstream faults and the byte counts see it); its reads pause while the client is unwritable.
 */
final class UpstreamSide extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UpstreamSide.class);

    private final TcpRelay relay;
    private boolean failed;

    UpstreamSide(TcpRelay relay) {
        this.relay = relay;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!relay.client.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        relay.client.write(msg, relay.client.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        relay.client.flush();
        if (!relay.client.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false); // resumed when the client drains
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && relay.client.channel().isActive()) {
            relay.client.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            relay.upstreamEnded();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", ctx.channel(), cause.toString());
        failed = cause instanceof IOException;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        relay.upstreamClosed(failed);
    }
}
