package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * A reply a stage writes after the request it answers was read (a relay's upstream answer, a delayed reply): the
 * amplification guard judges it against that request, as it judges a reply written while its request is read. It
 * is charged to {@link #requester()}'s reply budget only if it is larger than the request; a plain datagram written
 * outside a read counts as an answer to nothing and is always charged.
 */
public final class ReplyDatagram extends DatagramPacket {
    private final InetSocketAddress requester;
    private final int requestBytes;

    /** A reply of {@code data} to {@code recipient}, answering {@code requestBytes} of payload from {@code requester}. */
    public ReplyDatagram(ByteBuf data, InetSocketAddress recipient, InetSocketAddress requester, int requestBytes) {
        super(data, recipient);
        this.requester = requireNonNull(requester, "requester");
        if (requestBytes < 0) {
            throw new IllegalArgumentException("requestBytes: " + requestBytes + " (expected: >= 0)");
        }
        this.requestBytes = requestBytes;
    }

    /** The real client of the request (the sender, or the client a PROXY header named). */
    public InetSocketAddress requester() {
        return requester;
    }

    /** The payload size of the request. */
    public int requestBytes() {
        return requestBytes;
    }

    /** The same reply with other data (a duplicate, a copy) keeps its request. */
    @Override
    public ReplyDatagram replace(ByteBuf content) {
        return new ReplyDatagram(content, recipient(), requester, requestBytes);
    }
}
