package io.inetty.protocols.echo;

import io.inetty.protocols.BaseService;
import io.inetty.protocols.Udp;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** Echo (RFC 862, port 7): TCP sends back every byte until the client closes; UDP returns each datagram. */
public final class Echo extends BaseService {
    /** The registered name. */
    public static final String NAME = "echo";

    /** Echo on port 7, TCP and UDP. */
    public Echo() {
        super(NAME, 7);
        sharedStages(TcpEcho.INSTANCE, UdpEcho.INSTANCE);
    }

    /**
     * Writes back the buffer it read (no copy) and flushes once per read burst. While the channel is not
     * writable it stops reading, so a peer that sends but never reads costs at most the write buffer's
     * high-water mark plus one read burst.
     */
    @Sharable
    static final class TcpEcho extends ChannelInboundHandlerAdapter {
        static final TcpEcho INSTANCE = new TcpEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }
    }

    /** Returns each datagram's data to its sender, whole (the socket reads up to 64 KiB per datagram). */
    @Sharable
    static final class UdpEcho extends SimpleChannelInboundHandler<DatagramPacket> {
        static final UdpEcho INSTANCE = new UdpEcho();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket request) {
            Udp.reply(ctx, request, request.content().retain());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
