package io.inetty.proxy;

import io.inetty.server.AccessPolicy;
import io.inetty.server.DatagramDropped;
import io.inetty.server.DropReason;
import io.inetty.server.ProxiedDatagram;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PROXY stage of a UDP socket ({@code inetty.proxy}, stateless). A datagram from a trusted proxy must start
 * with a v2 header: it goes on as a {@link ProxiedDatagram} of the payload, from the client the header names
 * (replies still go to the proxy). A datagram from anyone else goes on untouched, unless it starts with a PROXY
 * signature (a client forging its address). Refused datagrams are dropped and counted as
 * {@link DropReason#POLICY}.
 */
@Sharable
final class DatagramProxyDecoder extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(DatagramProxyDecoder.class);

    private final AccessPolicy trust;

    DatagramProxyDecoder(AccessPolicy trust) {
        super(false); // each datagram is passed on or released here
        this.trust = trust;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        ByteBuf content = packet.content();
        if (!trust.allows(sender.getAddress())) {
            if (ProxyV2.startsWithSignature(content)) {
                drop(ctx, packet, "a PROXY header from an untrusted source");
                return;
            }
            ctx.fireChannelRead(packet);
            return;
        }
        ProxyV2.Header header = ProxyV2.parse(content);
        if (header.error() != null) {
            drop(ctx, packet, header.error());
            return;
        }
        content.skipBytes(header.length());
        if (header.source() == null) {
            ctx.fireChannelRead(packet);
            return;
        }
        // The payload changes envelope; its reference moves with it.
        ctx.fireChannelRead(new ProxiedDatagram(content, packet.recipient(), sender, header.source()));
    }

    private static void drop(ChannelHandlerContext ctx, DatagramPacket packet, String why) {
        int bytes = packet.content().readableBytes();
        if (log.isDebugEnabled()) {
            log.debug("{}: datagram from {} dropped: {}", ctx.channel(), packet.sender(), why);
        }
        packet.release();
        ctx.fireUserEventTriggered(new DatagramDropped(DropReason.POLICY, bytes));
    }
}
