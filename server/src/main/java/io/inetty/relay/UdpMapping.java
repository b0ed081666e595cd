package io.inetty.relay;

import io.inetty.server.IoTransport;
import io.inetty.server.ReplyDatagram;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP client of a relay: an upstream socket connected to the relay's upstream (on the listening socket's event
 * loop), the address replies go to, and when it last saw traffic either way.
 */
final class UdpMapping {
    private static final Logger log = LoggerFactory.getLogger(UdpMapping.class);
    /** Datagrams kept while the upstream socket is being set up. */
    private static final int PENDING = 64;
    /** Whole datagrams of up to 64 KiB, one allocator for every mapping. */
    private static final RecvByteBufAllocator READS = IoTransport.fixedReads(65536);

    private final UdpRelay relay;
    private final InetSocketAddress replyTo;
    private final InetSocketAddress client;
    /** The payload size of the client's latest datagram: what the upstream's next reply answers. */
    private int lastRequestBytes;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private Channel channel;
    private long lastActive;
    private boolean closed;

    UdpMapping(UdpRelay relay, Upstream target, InetSocketAddress client, InetSocketAddress replyTo) {
        this.relay = relay;
        this.client = client;
        this.replyTo = replyTo;
        this.lastActive = relay.now();
        Channel listening = relay.ctx.channel();
        InetSocketAddress address = target.resolve();
        if (address.isUnresolved()) {
            log.debug("upstream {} does not resolve", target);
            closed = true;
            return;
        }
        new Bootstrap().group(listening.eventLoop())
                .channelFactory(IoTransport.of(listening).datagramChannel(address.getAddress()))
                .option(ChannelOption.RECVBUF_ALLOCATOR, READS)
                .handler(new Replies())
                .connect(address).addListener((ChannelFuture f) -> connected(f));
    }

    private void connected(ChannelFuture f) {
        if (!f.isSuccess() || closed) {
            log.debug("upstream socket for {}: {}", replyTo, f.cause() == null ? "closed" : f.cause().toString());
            f.channel().close();
            close();
            relay.forget(this);
            return;
        }
        channel = f.channel();
        for (ByteBuf b; (b = pending.poll()) != null; ) {
            channel.write(b, channel.voidPromise());
        }
        channel.flush();
    }

    /** A reply of the upstream, to go back to the client (through a proxy, if the client came through one). */
    ReplyDatagram reply(ByteBuf data) {
        return new ReplyDatagram(data, replyTo, client, lastRequestBytes);
    }

    long lastActive() {
        return lastActive;
    }

    /** Sends a client's datagram upstream (dropped, as UDP may, when the socket's queue is full). */
    void send(ByteBuf data) {
        lastActive = relay.now();
        lastRequestBytes = data.readableBytes();
        if (channel == null) {
            if (closed || pending.size() >= PENDING) {
                data.release();
            } else {
                pending.add(data);
            }
            return;
        }
        if (!channel.isWritable()) {
            data.release();
            return;
        }
        channel.writeAndFlush(data, channel.voidPromise());
    }

    void close() {
        closed = true;
        for (ByteBuf b; (b = pending.poll()) != null; ) {
            b.release();
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Replies of the upstream to this client. */
    private final class Replies extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
            lastActive = relay.now();
            relay.reply(UdpMapping.this, reply);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port unreachable from an upstream that is down: the client simply gets no reply
            log.debug("{}: {}", ctx.channel(), cause.toString());
        }
    }
}
