package io.inetty.protocols.whoami;

import io.inetty.server.ConnectionInfo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLSession;

/**
 * whoami over TCP (stateless): on connect, or over TLS once the handshake is done, writes the answer and
 * closes; input is ignored.
 */
@Sharable
final class WhoamiTcp extends ChannelInboundHandlerAdapter {
    private final Whoami whoami;

    WhoamiTcp(Whoami whoami) {
        this.whoami = whoami;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            answer(ctx, null);
        } else {
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    answer(ctx, ssl.engine().getSession());
                }
            });
        }
        ctx.fireChannelActive();
    }

    private void answer(ChannelHandlerContext ctx, SSLSession tls) {
        Channel ch = ctx.channel();
        ConnectionInfo info = ConnectionInfo.of(ch);
        InetSocketAddress peer = info != null ? info.realPeer() : inet(ch.remoteAddress());
        InetSocketAddress local = info != null ? info.localAddress() : inet(ch.localAddress());
        InetSocketAddress via = info != null ? info.via() : null;
        ctx.writeAndFlush(whoami.answer(ctx.alloc(), "tcp", peer, local, via, tls)).addListener(ChannelFutureListener.CLOSE);
    }

    private static InetSocketAddress inet(java.net.SocketAddress address) {
        return address instanceof InetSocketAddress ? (InetSocketAddress) address : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
