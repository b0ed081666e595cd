package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * A user event by which a stage in the {@link Stages.Slot#PROXY PROXY} slot reports the client behind a proxy.
 * Fire it before {@code channelActive} passes on (hold {@code channelActive} until the header is read): the
 * connection stage then admits, limits and logs the connection by this address, and
 * {@link ConnectionInfo#realPeer()} returns it.
 *
 * @param address the client's address and port
 */
public record RealPeer(InetSocketAddress address) {
    /** Validates the event. */
    public RealPeer {
        requireNonNull(address, "address");
    }
}
