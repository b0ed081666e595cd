package io.inetty.server;

/**
 * Protection of the UDP side against reflection and amplification (US-CERT TA14-017A), immutable, made by
 * {@link #builder()}: a per-source reply budget and an optional strict mode.
 */
public final class UdpPolicy {
    /** 4 KiB/s per source: 7 full chargen replies a second, a trickle for a reflection attack. */
    public static final int DEFAULT_REPLY_BUDGET = 4096;
    /** The shipped default: budget on, strict off. */
    public static final UdpPolicy DEFAULT = builder().build();
    /** No guard at all. */
    public static final UdpPolicy OFF = builder().replyBudget(0).build();

    private final int replyBudget;
    private final boolean strict;

    private UdpPolicy(Builder b) {
        this.replyBudget = b.replyBudget;
        this.strict = b.strict;
    }

    /** A builder with the default budget and strict mode off. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Bytes per second (on the wire, IP and UDP headers included) a source address may receive from replies
     * larger than its requests; twice that is the burst; 0 = off. Replies no larger than the request (echo)
     * are never charged.
     */
    public int replyBudget() {
        return replyBudget;
    }

    /**
     * OpenBSD-inetd style: drop requests from source ports below 1024 and from broadcast or multicast sources
     * (loopback sources are always served).
     */
    public boolean strict() {
        return strict;
    }

    @Override
    public String toString() {
        return "UdpPolicy[replyBudget=" + replyBudget + ", strict=" + strict + "]";
    }

    /** Collects a UDP policy. */
    public static final class Builder {
        private int replyBudget = DEFAULT_REPLY_BUDGET;
        private boolean strict;

        private Builder() {
        }

        /** Bytes per second per source of larger-than-request replies; 0 = off. */
        public Builder replyBudget(int bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("replyBudget: " + bytesPerSecond + " (expected: >= 0, 0 = off)");
            }
            this.replyBudget = bytesPerSecond;
            return this;
        }

        /** Strict mode on or off. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** The immutable policy. */
        public UdpPolicy build() {
            return new UdpPolicy(this);
        }
    }
}
