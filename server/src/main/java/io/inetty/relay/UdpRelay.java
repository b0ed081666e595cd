package io.inetty.relay;

import io.inetty.server.ProxiedDatagram;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's stage of one listening UDP socket (stateful): one {@link UdpMapping} (an upstream socket) per client
 * address and port, created on the client's first datagram, closed after the relay's idle time without traffic,
 * bounded in number (datagrams of new clients beyond the bound are dropped), all closed with the socket. Replies
 * are written on the listening socket, so they leave from the address the client sent to and pass the socket's
 * downstream faults and guard.
 */
final class UdpRelay extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UdpRelay.class);

    private final Relay relay;
    private final Map<InetSocketAddress, UdpMapping> mappings = new HashMap<>();
    ChannelHandlerContext ctx;
    private ScheduledFuture<?> sweeper;

    UdpRelay(Relay relay) {
        this.relay = relay;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        long every = Math.max(10, relay.udpIdleTimeout().toMillis() / 4);
        sweeper = ctx.executor().scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        DatagramPacket p = (DatagramPacket) msg;
        InetSocketAddress client = ProxiedDatagram.realSender(p);
        UdpMapping m = mappings.get(client);
        if (m == null) {
            if (mappings.size() >= relay.udpMappings()) {
                relay.refusedMapping();
                log.debug("{}: {} UDP mappings in use, dropping a datagram of new client {}", relay.name(),
                        mappings.size(), client);
                p.release();
                return;
            }
            m = new UdpMapping(this, relay.target(), client, p.sender());
            mappings.put(client, m);
        }
        m.send(p.content().retain());
        p.release();
    }

    /**
     * A reply from the upstream of {@code m}: back to its client, on the listening socket, as the answer to the
     * client's latest datagram (so the amplification guard charges only replies larger than their request).
     */
    void reply(UdpMapping m, DatagramPacket reply) {
        ctx.writeAndFlush(m.reply(reply.content().retain()));
    }

    long now() {
        return ctx.executor().ticker().nanoTime();
    }

    int size() {
        return mappings.size();
    }

    private void sweep() {
        long idle = relay.udpIdleTimeout().toNanos();
        long now = now();
        List<InetSocketAddress> expired = new ArrayList<>();
        mappings.forEach((client, m) -> {
            if (now - m.lastActive() >= idle) {
                expired.add(client);
            }
        });
        for (InetSocketAddress client : expired) {
            mappings.remove(client).close();
        }
    }

    /** Forgets a mapping whose upstream socket failed. */
    void forget(UdpMapping m) {
        mappings.values().remove(m);
    }

    /**
     * Stops what {@link #handlerAdded} started and closes every mapping: when the stage is removed, and so when the
     * socket closes (Netty removes every stage of a closed channel once it is deregistered).
     */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closeAll();
    }

    private void closeAll() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        List<UdpMapping> all = new ArrayList<>(mappings.values());
        mappings.clear();
        all.forEach(UdpMapping::close);
    }
}
