package io.inetty.faults;

import io.inetty.server.ProxiedDatagram;
import io.inetty.server.ReplyDatagram;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The {@code inetty.faults} stage of one UDP socket (stateful). Upstream faults act on the datagrams the service
 * receives (requests), downstream faults (the default) on those it sends (replies), each in stacking order, with
 * netem's effects: loss, duplicate, reorder, latency, corrupt, truncate, rate. With no fault on the binding the cost
 * is one volatile read per datagram. Datagrams held (latency, rate, reorder) are bounded by {@link UdpHolds#LIMIT}
 * per socket, as netem's queue; every datagram dropped or held is released.
 */
final class UdpFaultStage extends ChannelDuplexHandler {
    private final BindingFaults binding;
    private final UdpHolds holds = new UdpHolds(this);
    ChannelHandlerContext ctx;
    /**
     * The client of the request this stage is passing to the service, for the downstream faults' {@code from} (a
     * reply's recipient may be a proxy) and for the amplification guard (see {@link #answering}); and its size.
     */
    private InetSocketAddress requester;
    private int requestBytes;

    UdpFaultStage(BindingFaults binding) {
        this.binding = binding;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ActiveFault[] all = binding.active();
        if (all.length == 0 || !(msg instanceof DatagramPacket)) {
            ctx.fireChannelRead(msg);
            return;
        }
        DatagramPacket p = (DatagramPacket) msg;
        run(p, all, 0, Stream.UPSTREAM, ProxiedDatagram.realSender(p), false);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ActiveFault[] all = binding.active();
        if (all.length == 0 || !(msg instanceof DatagramPacket)) {
            ctx.write(msg, promise);
            return;
        }
        DatagramPacket p = answering((DatagramPacket) msg);
        if (!has(all, Stream.DOWNSTREAM)) {
            ctx.write(p, promise);
            return;
        }
        promise.trySuccess(); // handed to the faults, as to a lossy network
        run(p, all, 0, Stream.DOWNSTREAM, requester != null ? requester : p.recipient(), false);
    }

    /**
     * A reply written while this stage passes a request on carries that request, so that the amplification guard
     * judges it against it even when the request was held (upstream latency) or the reply is (downstream faults).
     */
    private DatagramPacket answering(DatagramPacket p) {
        if (requester == null || p instanceof ReplyDatagram) {
            return p;
        }
        return new ReplyDatagram(p.content(), p.recipient(), requester, requestBytes);
    }

    private static boolean has(ActiveFault[] all, Stream s) {
        for (ActiveFault a : all) {
            if (a.fault().stream() == s) {
                return true;
            }
        }
        return false;
    }

    /**
     * Passes {@code p} through the faults {@code all[i..]} of stream {@code s}, then on; {@code later} when it runs
     * from a timer (it then ends its own read or write burst).
     */
    void run(DatagramPacket p, ActiveFault[] all, int i, Stream s, InetSocketAddress client, boolean later) {
        for (; i < all.length; i++) {
            ActiveFault a = all[i];
            Fault f = a.fault();
            if (f.stream() != s || a.removed()) {
                continue;
            }
            boolean chosen = a.select(address(client)) >= 0;
            if (f.kind() == FaultType.REORDER) {
                if (chosen && a.nextDouble() < f.probability(Attr.PROBABILITY)) {
                    a.applied();
                    holds.reorder(p, all, i, s, client, a, (int) f.count(Attr.GAP));
                } else {
                    holds.passed(a, p, all, i, s, client, later); // counts towards the gap of those held
                }
                return;
            }
            if (!chosen) {
                continue;
            }
            switch (f.kind()) {
                case LOSS -> {
                    if (a.lose(f.probability(Attr.PROBABILITY), f.probability(Attr.CORRELATION))) {
                        a.applied();
                        p.release();
                        return;
                    }
                }
                case DUPLICATE -> {
                    if (a.nextDouble() < f.probability(Attr.PROBABILITY)) {
                        a.applied();
                        run(p.retainedDuplicate(), all, i + 1, s, client, later);
                    }
                }
                case CORRUPT -> {
                    if (a.nextDouble() < f.probability(Attr.PROBABILITY) && p.content().isReadable()) {
                        a.applied();
                        p = Datagrams.corrupt(p, (int) f.count(Attr.BITS), a);
                    }
                }
                case TRUNCATE -> {
                    if (p.content().readableBytes() > f.count(Attr.SIZE)) {
                        a.applied();
                        p = Datagrams.truncate(p, (int) f.count(Attr.SIZE));
                    }
                }
                case LATENCY -> {
                    a.applied();
                    holds.delay(p, all, i, s, client, a.delay(f));
                    return;
                }
                case RATE -> {
                    if (holds.pace(p, all, i, s, client, a, f)) {
                        a.applied();
                        return;
                    }
                }
                default -> {
                }
            }
        }
        emit(p, s, client, later);
    }

    /** Passes a datagram that went through every fault on to the service (upstream) or the socket (downstream). */
    void emit(DatagramPacket p, Stream s, InetSocketAddress client, boolean later) {
        if (s == Stream.DOWNSTREAM) {
            ctx.write(p, ctx.voidPromise());
            if (later) {
                ctx.flush();
            }
            return;
        }
        InetSocketAddress outer = requester;
        int outerBytes = requestBytes;
        requester = client;
        requestBytes = p.content().readableBytes();
        try {
            ctx.fireChannelRead(p);
            if (later) {
                ctx.fireChannelReadComplete();
            }
        } finally {
            requester = outer;
            requestBytes = outerBytes;
        }
    }

    private static InetAddress address(InetSocketAddress a) {
        return a == null ? null : a.getAddress();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        holds.releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        holds.releaseAll();
    }
}
