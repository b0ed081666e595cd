package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * A datagram that came through a proxy: {@link #sender()} is the proxy (replies go back to it), and
 * {@link #realSender()} is the client a PROXY header named, which access rules, the amplification guard,
 * faults and logs use. A stage in the PROXY slot passes one on in place of the datagram it decoded.
 */
public final class ProxiedDatagram extends DatagramPacket {
    private final InetSocketAddress realSender;

    /** A datagram of {@code data} from {@code realSender} through the proxy {@code sender}. */
    public ProxiedDatagram(ByteBuf data, InetSocketAddress recipient, InetSocketAddress sender,
                           InetSocketAddress realSender) {
        super(data, recipient, sender);
        this.realSender = requireNonNull(realSender, "realSender");
    }

    /** The client behind the proxy. */
    public InetSocketAddress realSender() {
        return realSender;
    }

    /** The same datagram with other content (also what {@code copy()} and {@code retainedDuplicate()} make). */
    @Override
    public ProxiedDatagram replace(ByteBuf content) {
        return new ProxiedDatagram(content, recipient(), sender(), realSender);
    }

    /** The client of any datagram: its real sender if it came through a proxy, else its sender. */
    public static InetSocketAddress realSender(DatagramPacket packet) {
        return packet instanceof ProxiedDatagram ? ((ProxiedDatagram) packet).realSender : packet.sender();
    }
}
