package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Resource bounds of the TCP side; 0 (or {@link Duration#ZERO}) means unlimited. A connection over a
 * limit is closed at accept, before any protocol byte, and counted by reason.
 *
 * @param maxConnections      open connections in all
 * @param maxConnectionsPerIp open connections from one source address
 * @param maxAcceptRate       new connections per second (a token bucket with one second of burst)
 * @param idleTimeout         close a connection with no read and no write for this long
 * @param maxSession          close any connection this long after it was accepted
 * @param maxSessionBytes     close a connection once it has received or sent this many bytes
 */
public record Limits(int maxConnections, int maxConnectionsPerIp, int maxAcceptRate, Duration idleTimeout,
                     Duration maxSession, long maxSessionBytes) {

    /** No limit at all (the default: a test harness must not be surprised by one). */
    public static final Limits NONE = new Limits(0, 0, 0, Duration.ZERO, Duration.ZERO, 0);

    /** Validates the limits. */
    public Limits {
        nonNegative("maxConnections", maxConnections);
        nonNegative("maxConnectionsPerIp", maxConnectionsPerIp);
        nonNegative("maxAcceptRate", maxAcceptRate);
        nonNegative("maxSessionBytes", maxSessionBytes);
        nonNegative("idleTimeout", idleTimeout);
        nonNegative("maxSession", maxSession);
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0, 0 = unlimited)");
        }
    }

    private static void nonNegative(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0, 0 = off)");
        }
    }
}
