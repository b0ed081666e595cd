package io.inetty.protocols.whoami;

import io.inetty.protocols.Udp;
import io.inetty.server.ProxiedDatagram;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * whoami over UDP (stateless): every datagram, even an empty one, gets the answer, sent back to its sender (the
 * proxy, for a proxied datagram; the client it named is the {@code peer}).
 */
@Sharable
final class WhoamiUdp extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Whoami whoami;

    WhoamiUdp(Whoami whoami) {
        this.whoami = whoami;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket request) {
        boolean proxied = request instanceof ProxiedDatagram;
        Udp.reply(ctx, request, whoami.answer(ctx.alloc(), "udp", ProxiedDatagram.realSender(request),
                request.recipient(), proxied ? request.sender() : null, null));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
