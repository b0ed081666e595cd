package io.inetty.server;

/** Port number validation shared by the builder and the CLI. */
public final class Ports {
    /** The highest port number. */
    public static final int MAX = 65535;

    private Ports() {
    }

    /** Returns {@code port} or throws {@code IllegalArgumentException("port: 70000 (expected: 0-65535)")}. */
    public static int check(int port) {
        if (port < 0 || port > MAX) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-" + MAX + ")");
        }
        return port;
    }
}
