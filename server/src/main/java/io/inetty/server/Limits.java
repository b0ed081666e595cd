package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Resource bounds of the TCP side, immutable, made by {@link #builder()}; 0 (or {@link Duration#ZERO})
 * means unlimited. A connection over a limit is closed when it is accepted, before any protocol byte,
 * and counted by reason.
 */
public final class Limits {
    /** No limit at all (the default: a test harness must not be surprised by one). */
    public static final Limits NONE = builder().build();

    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final int maxAcceptRate;
    private final Duration idleTimeout;
    private final Duration maxSession;
    private final long maxSessionBytes;

    private Limits(Builder b) {
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp;
        this.maxAcceptRate = b.maxAcceptRate;
        this.idleTimeout = b.idleTimeout;
        this.maxSession = b.maxSession;
        this.maxSessionBytes = b.maxSessionBytes;
    }

    /** A builder with no limit set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Open connections in all. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Open connections from one source address (the real client when a PROXY header names one). */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /** New connections per second (a token bucket with one second of burst). */
    public int maxAcceptRate() {
        return maxAcceptRate;
    }

    /** Close a connection with no read and no write for this long. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Close any connection this long after it was accepted. */
    public Duration maxSession() {
        return maxSession;
    }

    /** Close a connection once it has received or sent this many bytes (it gets exactly this many). */
    public long maxSessionBytes() {
        return maxSessionBytes;
    }

    @Override
    public String toString() {
        return "Limits[maxConnections=" + maxConnections + ", maxConnectionsPerIp=" + maxConnectionsPerIp
                + ", maxAcceptRate=" + maxAcceptRate + ", idleTimeout=" + idleTimeout + ", maxSession=" + maxSession
                + ", maxSessionBytes=" + maxSessionBytes + "]";
    }

    /** Collects limits; each setter checks its value and names it in the message of a failure. */
    public static final class Builder {
        private int maxConnections;
        private int maxConnectionsPerIp;
        private int maxAcceptRate;
        private Duration idleTimeout = Duration.ZERO;
        private Duration maxSession = Duration.ZERO;
        private long maxSessionBytes;

        private Builder() {
        }

        /** Open connections in all; 0 = unlimited. */
        public Builder maxConnections(int n) {
            this.maxConnections = (int) nonNegative("maxConnections", n);
            return this;
        }

        /** Open connections from one source address; 0 = unlimited. */
        public Builder maxConnectionsPerIp(int n) {
            this.maxConnectionsPerIp = (int) nonNegative("maxConnectionsPerIp", n);
            return this;
        }

        /** New connections per second; 0 = unlimited. */
        public Builder maxAcceptRate(int n) {
            this.maxAcceptRate = (int) nonNegative("maxAcceptRate", n);
            return this;
        }

        /** Idle timeout; zero = off. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = nonNegative("idleTimeout", d);
            return this;
        }

        /** Longest session; zero = off. */
        public Builder maxSession(Duration d) {
            this.maxSession = nonNegative("maxSession", d);
            return this;
        }

        /** Most bytes a session may receive or send; 0 = unlimited. */
        public Builder maxSessionBytes(long n) {
            this.maxSessionBytes = nonNegative("maxSessionBytes", n);
            return this;
        }

        /** The immutable limits. */
        public Limits build() {
            return new Limits(this);
        }

        private static long nonNegative(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0, 0 = unlimited)");
            }
            return value;
        }

        private static Duration nonNegative(String name, Duration value) {
            requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0, 0 = off)");
            }
            return value;
        }
    }
}
