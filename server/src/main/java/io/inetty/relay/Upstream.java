package io.inetty.relay;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/** A relay's upstream, {@code HOST:PORT} or {@code [IPv6]:PORT}; a name is resolved for each new connection or mapping. */
record Upstream(String host, int port) {

    static Upstream parse(String text) {
        requireNonNull(text, "upstream");
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw bad(text);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw bad(text);
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw bad(text); // an IPv6 literal needs brackets
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (port < 1 || port > 65535 || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw bad(text);
        }
        return new Upstream(host, port);
    }

    /** Resolves the host now (a literal at once; a name may block briefly). */
    InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("upstream: '" + text
                + "' (expected: HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:5432 or [::1]:5432)");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
