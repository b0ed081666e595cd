package io.inetty.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides on each accepted connection, by its real peer, before the service sees it: access control (and the
 * family filter of a dual-stack listener), accept rate, total and per-address limits. Shared by every
 * connection of a server; an admitted connection is counted until {@link #release} is called for it.
 */
final class Admission {
    private final AccessPolicy policy;
    private final AddressFamily family;
    private final Limits limits;
    private final ConcurrentHashMap<InetAddress, Integer> perIp = new ConcurrentHashMap<>();
    private final TokenBucket acceptRate;
    /** Admitted connections not yet closed, counted only under a total limit. */
    private final AtomicInteger admitted = new AtomicInteger();

    Admission(AccessPolicy policy, AddressFamily family, Limits limits) {
        this.policy = policy;
        this.family = family;
        this.limits = limits;
        this.acceptRate = limits.maxAcceptRate() > 0 ? new TokenBucket(limits.maxAcceptRate(), limits.maxAcceptRate()) : null;
    }

    /** Null if the peer at {@code ip} (IPv4-mapped addresses unmapped) is admitted, and then counted; else why not. */
    CloseReason admit(InetAddress ip) {
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

    /** Gives back what {@link #admit} counted for the admitted peer {@code ip}, once its connection has closed. */
    void release(InetAddress ip) {
        if (limits.maxConnections() > 0) {
            admitted.decrementAndGet();
        }
        if (limits.maxConnectionsPerIp() > 0) {
            perIp.computeIfPresent(ip, (k, v) -> v <= 1 ? null : v - 1);
        }
    }
}
