package io.inetty.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's stage of one UDP socket ({@link Stages#GUARD}, stateful: its interval counts). Drops datagrams
 * that access control or strict mode refuse (judging the real sender, see {@link ProxiedDatagram}), charges
 * replies larger than their request to the real sender's reply budget (amplification guard), counts what came
 * in and what left into the live metrics, and reports an aggregate access-log line per interval and at close.
 */
final class UdpGuard extends ChannelDuplexHandler {
    private static final Logger access = LoggerFactory.getLogger(AccessLog.UDP);
    static final int IPV4_HEADERS = 20 + 8;
    static final int IPV6_HEADERS = 40 + 8;
    /** Interval of the aggregate access-log line of a busy socket. */
    static final long REPORT_SECONDS = 10;

    /** What every UDP socket of a server shares. */
    record Shared(AccessPolicy policy, UdpPolicy udp, Set<InetAddress> broadcasts, ReplyBudget budget,
                  boolean accessLog) {
    }

    private final Shared shared;
    private final String service;
    private final Counters counters;
    private long[] slots;
    /** This interval's counts, for the access log (the metrics are counted as they happen). */
    private long datagramsIn;
    private long bytesIn;
    private long datagramsOut;
    private long bytesOut;
    /** Drops of this interval, by {@link DropReason} ordinal (no boxing while a flood is dropped). */
    private final long[] drops = new long[DropReason.values().length];
    /** Wire size of the request being handled (replies are written while it is read), or 0. */
    private int requestWire;
    /** The real sender of the request being handled, or null. */
    private InetSocketAddress requester;
    private ScheduledFuture<?> reporter;

    UdpGuard(String service, Shared shared, Counters counters) {
        this.service = service;
        this.shared = shared;
        this.counters = counters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Added on the socket's event loop once it is bound: count in that loop's slots.
        slots = counters.local();
        if (shared.accessLog()) {
            reporter = ctx.executor().scheduleAtFixedRate(() -> report(ctx), REPORT_SECONDS, REPORT_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket p = (DatagramPacket) msg;
        int payload = p.content().readableBytes();
        received(payload);
        InetSocketAddress sender = ProxiedDatagram.realSender(p);
        UdpPolicy udp = shared.udp();
        AccessPolicy policy = shared.policy();
        if (!policy.isOpen() || udp.strict()) {
            InetAddress ip = sender.getAddress();
            DropReason drop = !policy.isOpen() && !policy.allows(ip) ? DropReason.DENIED
                    : udp.strict() && refusedByStrict(AccessPolicy.unmapped(ip), sender.getPort()) ? DropReason.STRICT
                    : null;
            if (drop != null) {
                dropped(drop);
                p.release();
                return;
            }
        }
        requestWire = payload + headers(p.sender().getAddress());
        requester = sender;
        try {
            ctx.fireChannelRead(msg);
        } finally {
            requestWire = 0;
            requester = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof DatagramDropped) {
            // Dropped before the guard (a PROXY-slot stage): received and dropped, as if judged here.
            DatagramDropped d = (DatagramDropped) evt;
            received(d.bytes());
            dropped(d.reason());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void received(int payload) {
        datagramsIn++;
        bytesIn += payload;
        Counters.add(slots, Counters.DATAGRAMS_IN, 1);
        Counters.add(slots, Counters.BYTES_IN, payload);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        DatagramPacket reply = (DatagramPacket) msg;
        int payload = reply.content().readableBytes();
        if (!ctx.channel().isWritable()) {
            // The send queue is full (a flood): UDP may drop, and must not queue without bound.
            drop(DropReason.QUEUE_FULL, reply, promise);
            return;
        }
        ReplyBudget budget = shared.budget();
        if (budget != null) {
            InetAddress recipient = reply.recipient().getAddress();
            int wire = payload + headers(recipient);
            int request = requestWire;
            InetSocketAddress client = requester;
            if (reply instanceof ReplyDatagram) {
                // Written after its request was read (a relay, a delayed reply): judged against that request.
                request = ((ReplyDatagram) reply).requestBytes() + headers(recipient);
                client = ((ReplyDatagram) reply).requester();
            }
            // Only a reply larger than its request amplifies (never echo's); charged to the real client.
            InetAddress charged = client != null ? client.getAddress() : recipient;
            if (wire > request && !budget.tryTake(AccessPolicy.unmapped(charged), wire)) {
                drop(DropReason.BUDGET, reply, promise);
                return;
            }
        }
        if (payload > 0) {
            // Netty's datagram channels skip an empty buffer without sending anything: count only what leaves.
            datagramsOut++;
            bytesOut += payload;
            Counters.add(slots, Counters.DATAGRAMS_OUT, 1);
            Counters.add(slots, Counters.BYTES_OUT, payload);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (reporter != null) {
            reporter.cancel(false);
        }
        report(ctx);
        ctx.fireChannelInactive();
    }

    /** Logs this interval's counts if there were any. */
    void report(ChannelHandlerContext ctx) {
        if (datagramsIn == 0 && datagramsOut == 0 || !shared.accessLog()) {
            return;
        }
        if (access.isInfoEnabled()) {
            access.info("udp {} local={} datagrams_in={} bytes_in={} datagrams_out={} bytes_out={} dropped_denied={}"
                            + " dropped_strict={} dropped_budget={} dropped_queue_full={} dropped_policy={}", service,
                    Endpoint.format((InetSocketAddress) ctx.channel().localAddress()), datagramsIn, bytesIn,
                    datagramsOut, bytesOut, drops[DropReason.DENIED.ordinal()], drops[DropReason.STRICT.ordinal()],
                    drops[DropReason.BUDGET.ordinal()], drops[DropReason.QUEUE_FULL.ordinal()],
                    drops[DropReason.POLICY.ordinal()]);
        }
        datagramsIn = bytesIn = datagramsOut = bytesOut = 0;
        Arrays.fill(drops, 0);
    }

    private void dropped(DropReason why) {
        drops[why.ordinal()]++;
        Counters.dropped(slots, why, 1);
    }

    private void drop(DropReason why, DatagramPacket reply, ChannelPromise promise) {
        dropped(why);
        reply.release();
        if (!promise.isVoid()) {
            promise.trySuccess();
        }
    }

    private boolean refusedByStrict(InetAddress ip, int port) {
        if (ip.isLoopbackAddress()) {
            return false;
        }
        return port < 1024 || ip.isMulticastAddress() || ip.isAnyLocalAddress() || shared.broadcasts().contains(ip);
    }

    static int headers(InetAddress ip) {
        return ip instanceof Inet4Address ? IPV4_HEADERS : IPV6_HEADERS;
    }
}
