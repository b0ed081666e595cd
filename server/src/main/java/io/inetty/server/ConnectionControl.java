package io.inetty.server;

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
}
