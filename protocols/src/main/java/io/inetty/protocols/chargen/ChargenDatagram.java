package io.inetty.protocols.chargen;

import io.inetty.protocols.Udp;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.random.RandomGenerator;

/**
 * One UDP socket's chargen (stateful: its random generator and the offset where the next reply starts).
 * Each datagram gets a random number of pattern characters from 1 to 512; successive replies continue
 * the pattern.
 */
final class ChargenDatagram extends SimpleChannelInboundHandler<DatagramPacket> {
    /** RFC 864: "between 0 and 512 octets". */
    static final int MAX_REPLY = 512;
    /**
     * Never 0: Netty does not send an empty datagram (its write path skips it), and to a client an empty
     * answer that never arrives is a lost one.
     */
    static final int MIN_REPLY = 1;

    private final RandomGenerator random;
    private int offset;

    ChargenDatagram(RandomGenerator random) {
        this.random = random;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket request) {
        int length = MIN_REPLY + random.nextInt(MAX_REPLY - MIN_REPLY + 1);
        Udp.reply(ctx, request, Pattern.slice(offset, length));
        offset = (offset + length) % Pattern.PERIOD;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
