package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} as a user writes it (an option, a JSON field), parsed but
 * not resolved: the host without brackets (empty when omitted), the port from 0 to 65535.
 *
 * @param host a name or literal of printable ASCII, without brackets; empty for none
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {
    /** Checks the parts. */
    public HostPort {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535 || host.chars().anyMatch(c -> c <= ' ' || c > '~' || c == '/' || c == '[' || c == ']')) {
            throw new IllegalArgumentException("'" + host + "', " + port + " (expected: a printable host, a port 0-65535)");
        }
    }

    /** Parses {@code text}; empty if it is not of that form (an IPv6 literal needs its brackets). */
    public static Optional<HostPort> parse(String text) {
        String t = requireNonNull(text, "text").strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0 || colon == t.length() - 1) {
            return Optional.empty();
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HostPort(host, Integer.parseInt(t.substring(colon + 1))));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
