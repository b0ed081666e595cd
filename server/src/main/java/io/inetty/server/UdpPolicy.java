package io.inetty.server;

/**
 * Protection of the UDP side against reflection and amplification (US-CERT TA14-017A).
 *
 * @param replyBudget bytes per second (on the wire, IP and UDP headers included) a source address may
 *                    receive from replies larger than its requests; twice that is the burst; 0 = off.
 *                    Replies no larger than the request (echo) are never charged.
 * @param strict      OpenBSD-inetd style: drop requests from source ports below 1024 and from broadcast or
 *                    multicast sources (loopback sources are always served)
 */
public record UdpPolicy(int replyBudget, boolean strict) {
    /** 4 KiB/s per source: 7 full chargen replies a second, a trickle for a reflection attack. */
    public static final int DEFAULT_REPLY_BUDGET = 4096;
    /** The shipped default: budget on, strict off. */
    public static final UdpPolicy DEFAULT = new UdpPolicy(DEFAULT_REPLY_BUDGET, false);
    /** No guard at all. */
    public static final UdpPolicy OFF = new UdpPolicy(0, false);

    /** Validates the policy. */
    public UdpPolicy {
        if (replyBudget < 0) {
            throw new IllegalArgumentException("replyBudget: " + replyBudget + " (expected: >= 0, 0 = off)");
        }
    }
}
