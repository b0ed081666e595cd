package io.inetty.admin.toxiproxy;

import io.inetty.admin.http.ApiException;

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
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0 || colon == t.length() - 1) {
            throw bad(text);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw bad(text);
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw bad(text);
        }
        if (host.chars().anyMatch(c -> c <= ' ' || c == '/' || c > '~')) {
            throw bad(text);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (port < 0 || port > 65535) {
            throw bad(text);
        }
        return new Listen(host, port);
    }

    private static ApiException bad(String text) {
        return ApiException.badRequest("listen: '" + text + "' (expected: HOST:PORT with a port from 0 to 65535,"
                + " e.g. 127.0.0.1:0 or [::1]:8080)");
    }
}
