package io.inetty.server;

import io.netty.channel.ChannelHandler;
import java.util.Set;

/**
 * A network service the server can host: its name, default port, transports and pipeline stages.
 *
 * <p>The server builds the listening and datagram sockets and its own stages (connection tracking,
 * shutdown drain); a service contributes only its protocol stages.
 */
public interface Service {

    /** Lower-case name, unique among the services of a server (e.g. {@code echo}). */
    String name();

    /** The well-known port (e.g. 7 for echo). */
    int defaultPort();

    /** The transports this service speaks. */
    Set<Transport> transports();

    /**
     * The service's part of every accepted TCP connection's pipeline: either a
     * {@link io.netty.channel.ChannelInitializer} that appends the service's codec and handler stages, or a
     * single handler that the server adds as {@link Stages#HANDLER}. Called once per connection; a service
     * may return a shared {@code @Sharable} instance.
     */
    ChannelHandler tcpHandler();

    /**
     * The handler of one UDP socket's pipeline: it receives {@link io.netty.channel.socket.DatagramPacket}s
     * and answers each to its sender. Called once per bound UDP socket.
     */
    ChannelHandler udpHandler();
}
