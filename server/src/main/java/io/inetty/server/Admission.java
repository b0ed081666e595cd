package io.inetty.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage of every listening socket, ahead of Netty's acceptor: decides on each accepted connection before
 * its pipeline exists. A refused connection (access control or a peer of a family not served, accept rate,
 * total or per-address limit) is
 * closed at once, before any protocol byte, counted and logged; an admitted one is counted until it closes.
 */
@Sharable
final class Admission extends ChannelInboundHandlerAdapter {
    private static final Logger access = LoggerFactory.getLogger(AccessLog.TCP);

    private final AccessPolicy policy;
    private final AddressFamily family;
    private final Limits limits;
    private final Metrics metrics;
    private final ConcurrentHashMap<InetAddress, Integer> perIp = new ConcurrentHashMap<>();
    private final TokenBucket acceptRate;
    /** Admitted connections not yet closed, counted only under a total limit. */
    private final AtomicInteger admitted = new AtomicInteger();

    Admission(AccessPolicy policy, AddressFamily family, Limits limits, Metrics metrics) {
        this.policy = policy;
        this.family = family;
        this.limits = limits;
        this.metrics = metrics;
        this.acceptRate = limits.maxAcceptRate() > 0 ? new TokenBucket(limits.maxAcceptRate(), limits.maxAcceptRate()) : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        InetSocketAddress remote = (InetSocketAddress) child.remoteAddress();
        InetAddress ip = remote == null ? null : AccessPolicy.unmapped(remote.getAddress());
        CloseReason refused = ip == null ? CloseReason.ERROR : admit(ip);
        if (refused != null) {
            metrics.ended(refused);
            if (access.isInfoEnabled()) {
                access.info("tcp {} peer={} local={} in=0 out=0 ms=0 reason={}", ctx.channel().attr(AccessLog.SERVICE).get(),
                        remote == null ? "?" : Endpoint.format(remote),
                        Endpoint.format((InetSocketAddress) ctx.channel().localAddress()), refused.label());
            }
            child.unsafe().closeForcibly();
            return;
        }
        metrics.accepted();
        ctx.fireChannelRead(child);
    }

    /** Null if admitted (and then counted), else why not. */
    private CloseReason admit(InetAddress ip) {
        // The family check matters where a listener is dual-stack (NIO, io_uring): -4/-6 still hold.
        if (!family.accepts(ip) || !policy.isOpen() && !policy.allows(ip)) {
            return CloseReason.DENIED;
        }
        if (acceptRate != null && !acceptRate.tryTake(1)) {
            return CloseReason.MAX_ACCEPT_RATE;
        }
        if (limits.maxConnections() > 0 && admitted.incrementAndGet() > limits.maxConnections()) {
            admitted.decrementAndGet();
            return CloseReason.MAX_CONNECTIONS;
        }
        if (limits.maxConnectionsPerIp() > 0 && perIp.merge(ip, 1, Integer::sum) > limits.maxConnectionsPerIp()) {
            perIp.computeIfPresent(ip, (k, v) -> v <= 1 ? null : v - 1);
            if (limits.maxConnections() > 0) {
                admitted.decrementAndGet();
            }
            return CloseReason.MAX_CONNECTIONS_PER_IP;
        }
        return null;
    }

    /**
     * Gives back what {@link #admit} counted for a connection that has closed (called by its
     * {@link Connection} stage; an admitted connection whose registration fails is never released,
     * a leak of one slot that only an out-of-memory epoll_ctl can cause).
     */
    void release(Channel child) {
        if (limits.maxConnections() > 0) {
            admitted.decrementAndGet();
        }
        if (limits.maxConnectionsPerIp() > 0) {
            InetSocketAddress remote = (InetSocketAddress) child.remoteAddress();
            if (remote != null) {
                perIp.computeIfPresent(AccessPolicy.unmapped(remote.getAddress()), (k, v) -> v <= 1 ? null : v - 1);
            }
        }
    }
}
