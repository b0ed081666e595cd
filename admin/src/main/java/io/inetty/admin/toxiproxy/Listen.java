package io.inetty.admin.toxiproxy;

import io.inetty.admin.http.ApiException;
import io.inetty.server.HostPort;

/**
 * A proxy's {@code listen} value: {@code HOST:PORT}, {@code [IPv6]:PORT}, or {@code :PORT} for the server's own
 * addresses; port 0 picks a free port.
 *
 * @param host the host as given, without brackets; empty for the server's addresses
 * @param port the port, 0 to 65535
 */
record Listen(String host, int port) {
    /** Parses {@code text}; a 400 naming the field otherwise. */
    static Listen parse(String text) {
        return HostPort.parse(text).map(hp -> new Listen(hp.host(), hp.port()))
                .orElseThrow(() -> ApiException.badRequest("listen: '" + text + "' (expected: HOST:PORT with a port from 0"
                        + " to 65535, e.g. 127.0.0.1:0 or [::1]:8080)"));
    }
}
