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
     * address it was sent to), without flushing. Takes ownership of {@code content}. The server's first UDP
     * stage may drop the reply (send queue full, reply budget spent) and counts it.
     */
    public static void reply(ChannelHandlerContext ctx, DatagramPacket request, ByteBuf content) {
        ctx.write(new DatagramPacket(content, request.sender()), ctx.voidPromise());
    }
}
