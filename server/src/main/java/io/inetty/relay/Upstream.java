package io.inetty.relay;

import static java.util.Objects.requireNonNull;

import io.inetty.server.HostPort;
import java.net.InetSocketAddress;

/** A relay's upstream, {@code HOST:PORT} or {@code [IPv6]:PORT}; a name is resolved for each new connection or mapping. */
record Upstream(String host, int port) {

    static Upstream parse(String text) {
        requireNonNull(text, "upstream");
        return HostPort.parse(text).filter(hp -> hp.port() > 0 && !hp.host().isEmpty())
                .map(hp -> new Upstream(hp.host(), hp.port())).orElseThrow(() -> new IllegalArgumentException("upstream: '"
                        + text + "' (expected: HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:5432 or [::1]:5432)"));
    }

    /** Resolves the host now (a literal at once; a name may block briefly). */
    InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return new HostPort(host, port).toString();
    }
}
