package io.inetty.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;

/** Helpers for UDP replies. */
public final class Udp {
    private Udp() {
    }

    /**
     * Sends {@code content} to the sender of {@code request} from the socket it arrived on (so from the
     * address it was sent to), without flushing. If the socket's send queue is full the reply is dropped:
     * UDP may lose datagrams, and a flood must not queue without bound. Takes ownership of {@code content}.
     *
     * @return whether the reply was queued
     */
    public static boolean reply(ChannelHandlerContext ctx, DatagramPacket request, ByteBuf content) {
        if (!ctx.channel().isWritable()) {
            content.release();
            return false;
        }
        ctx.write(new DatagramPacket(content, request.sender()), ctx.voidPromise());
        return true;
    }
}
