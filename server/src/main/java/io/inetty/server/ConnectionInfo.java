package io.inetty.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * What the server knows of one accepted connection, read-only, reachable from any handler through
 * {@link #of(Channel)} (a channel attribute). Values change on the connection's event loop; read them there
 * for exact figures (from another thread they may be a moment old).
 */
public interface ConnectionInfo {
    /** The channel attribute holding a served connection's info. */
    AttributeKey<ConnectionInfo> KEY = AttributeKey.valueOf(ConnectionInfo.class, "info");

    /** The info of a connection the server accepted, or null for any other channel. */
    static ConnectionInfo of(Channel channel) {
        return channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
    }

    /** The binding that accepted the connection. */
    Endpoint endpoint();

    /** The service's name. */
    default String service() {
        return endpoint().service();
    }

    /** Always {@link Transport#TCP}. */
    default Transport transport() {
        return endpoint().transport();
    }

    /** The connection's local address (the address the client connected to). */
    InetSocketAddress localAddress();

    /** The address of the socket's peer: the client, or the proxy when a PROXY header named the client. */
    InetSocketAddress socketPeer();

    /**
     * The client: the socket's peer, until a stage in the PROXY slot reports another address with a
     * {@link RealPeer} event. Access rules, limits, faults and logs use this address.
     */
    InetSocketAddress realPeer();

    /** The proxy the connection came through ({@link #socketPeer()}), or null when it came directly. */
    default InetSocketAddress via() {
        return realPeer().equals(socketPeer()) ? null : socketPeer();
    }

    /** When the connection was accepted. */
    Instant acceptedAt();

    /** Bytes received so far (after TLS, before the service). */
    long bytesIn();

    /** Bytes sent so far (before TLS). */
    long bytesOut();

    /** Why the connection ended, or null while it is open or no reason was recorded yet. */
    CloseReason closeReason();
}
