package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;

/** Lets a feature's stage end a connection with a reason the access log and the metrics show. */
public final class ConnectionControl {
    private ConnectionControl() {
    }

    /**
     * Records {@code reason} (the first reason given wins) and closes {@code channel}; on a channel the server
     * did not accept, only closes it.
     */
    public static void close(Channel channel, CloseReason reason) {
        ConnectionInfo info = ConnectionInfo.of(channel);
        if (info instanceof Connection) {
            ((Connection) info).reason(reason);
        }
        channel.close();
    }

    /** Whether the connection of {@code channel} writes an access-log line (fields for it are worth making). */
    public static boolean logsAccess(Channel channel) {
        return ConnectionInfo.of(channel) instanceof Connection c && c.logged();
    }

    /**
     * Adds {@code name=value} to the connection's access-log line (e.g. {@code tls=TLSv1.3}); a value with spaces,
     * quotes or control characters is quoted. Call on the channel's event loop; ignored on a channel the server
     * did not accept.
     */
    public static void logField(Channel channel, String name, String value) {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        ConnectionInfo info = ConnectionInfo.of(channel);
        if (info instanceof Connection) {
            ((Connection) info).logField(name, value);
        }
    }
}
