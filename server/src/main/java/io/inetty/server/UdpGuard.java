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
 * First stage of one UDP socket (stateful: its counters). Drops datagrams that access control or strict
 * mode refuse, charges replies larger than their request to the source's reply budget (amplification
 * guard), counts everything, and reports an aggregate access-log line per interval and at close.
 */
final class UdpGuard extends ChannelDuplexHandler {
    private static final Logger access = LoggerFactory.getLogger(AccessLog.UDP);
    static final int IPV4_HEADERS = 20 + 8;
    static final int IPV6_HEADERS = 40 + 8;
    /** Interval of the aggregate access-log line of a busy socket. */
    static final long REPORT_SECONDS = 10;

    private final String service;
    private final AccessPolicy policy;
    private final boolean strict;
    private final Set<InetAddress> broadcasts;
    private final ReplyBudget budget;
    private final Metrics.Service counters;
    private long datagramsIn;
    private long bytesIn;
    private long datagramsOut;
    private long bytesOut;
    /** Drops of this interval, by {@link Metrics.Drop} ordinal (no boxing while a flood is dropped). */
    private final long[] drops = new long[Metrics.Drop.values().length];
    /** Wire size of the request being handled (replies are written while it is read), or 0. */
    private int requestWire;
    private ScheduledFuture<?> reporter;

    UdpGuard(String service, AccessPolicy policy, UdpPolicy udp, Set<InetAddress> broadcasts, ReplyBudget budget,
             Metrics.Service counters) {
        this.service = service;
        this.policy = policy;
        this.strict = udp.strict();
        this.broadcasts = broadcasts;
        this.budget = budget;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket p = (DatagramPacket) msg;
        int payload = p.content().readableBytes();
        datagramsIn++;
        bytesIn += payload;
        InetSocketAddress sender = p.sender();
        if (!policy.isOpen() || strict) {
            InetAddress ip = AccessPolicy.unmapped(sender.getAddress());
            Metrics.Drop drop = !policy.isOpen() && !policy.allows(ip) ? Metrics.Drop.DENIED
                    : strict && refusedByStrict(ip, sender.getPort()) ? Metrics.Drop.STRICT : null;
            if (drop != null) {
                drops[drop.ordinal()]++;
                p.release();
                return;
            }
        }
        requestWire = payload + headers(sender.getAddress());
        try {
            ctx.fireChannelRead(msg);
        } finally {
            requestWire = 0;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        DatagramPacket reply = (DatagramPacket) msg;
        int payload = reply.content().readableBytes();
        if (!ctx.channel().isWritable()) {
            // The send queue is full (a flood): UDP may drop, and must not queue without bound.
            drop(Metrics.Drop.QUEUE_FULL, reply, promise);
            return;
        }
        if (budget != null) {
            InetAddress recipient = reply.recipient().getAddress();
            int wire = payload + headers(recipient);
            // Only a reply larger than its request amplifies (never echo's).
            if (wire > requestWire && !budget.tryTake(AccessPolicy.unmapped(recipient), wire)) {
                drop(Metrics.Drop.BUDGET, reply, promise);
                return;
            }
        }
        datagramsOut++;
        bytesOut += payload;
        ctx.write(msg, promise);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        reporter = ctx.executor().scheduleAtFixedRate(() -> report(ctx), REPORT_SECONDS, REPORT_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (reporter != null) {
            reporter.cancel(false);
        }
        report(ctx);
        ctx.fireChannelInactive();
    }

    /** Adds this interval's counts to the server's metrics and logs them if there were any. */
    void report(ChannelHandlerContext ctx) {
        if (datagramsIn == 0 && datagramsOut == 0) {
            return;
        }
        counters.messagesIn.add(datagramsIn);
        counters.bytesIn.add(bytesIn);
        counters.messagesOut.add(datagramsOut);
        counters.bytesOut.add(bytesOut);
        for (Metrics.Drop d : Metrics.Drop.values()) {
            counters.drops.get(d).add(drops[d.ordinal()]);
        }
        if (access.isInfoEnabled()) {
            access.info("udp {} local={} datagrams_in={} bytes_in={} datagrams_out={} bytes_out={} dropped_denied={}"
                            + " dropped_strict={} dropped_budget={} dropped_queue_full={}", service,
                    Endpoint.format((InetSocketAddress) ctx.channel().localAddress()), datagramsIn, bytesIn,
                    datagramsOut, bytesOut, drops[Metrics.Drop.DENIED.ordinal()],
                    drops[Metrics.Drop.STRICT.ordinal()], drops[Metrics.Drop.BUDGET.ordinal()],
                    drops[Metrics.Drop.QUEUE_FULL.ordinal()]);
        }
        datagramsIn = bytesIn = datagramsOut = bytesOut = 0;
        Arrays.fill(drops, 0);
    }

    private void drop(Metrics.Drop why, DatagramPacket reply, ChannelPromise promise) {
        drops[why.ordinal()]++;
        reply.release();
        if (!promise.isVoid()) {
            promise.trySuccess();
        }
    }

    private boolean refusedByStrict(InetAddress ip, int port) {
        if (ip.isLoopbackAddress()) {
            return false;
        }
        return port < 1024 || ip.isMulticastAddress() || ip.isAnyLocalAddress() || broadcasts.contains(ip);
    }

    static int headers(InetAddress ip) {
        return ip instanceof Inet4Address ? IPV4_HEADERS : IPV6_HEADERS;
    }
}
