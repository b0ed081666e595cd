package io.inetty.protocols;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * The shape shared by qotd, daytime and time: over TCP, send one message on connect and close (input is
 * ignored); over UDP, answer every datagram, even an empty one, with one message.
 */
public final class OneShot {
    private OneShot() {
    }

    /** A stateless TCP handler that sends {@code responder}'s message and closes. */
    public static ChannelHandler tcp(Responder responder) {
        return new TcpHandler(requireNonNull(responder, "responder"));
    }

    /** A stateless UDP handler that answers each datagram with {@code responder}'s message. */
    public static ChannelHandler udp(Responder responder) {
        return new UdpHandler(requireNonNull(responder, "responder"));
    }

    @Sharable
    private static final class TcpHandler extends ChannelInboundHandlerAdapter {
        private final Responder responder;

        TcpHandler(Responder responder) {
            this.responder = responder;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(responder.respond(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Sharable
    private static final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Responder responder;

        UdpHandler(Responder responder) {
            this.responder = responder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket request) {
            Udp.reply(ctx, request, responder.respond(ctx.alloc()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
