package io.inetty.server;

import io.netty.channel.ChannelPipeline;
import java.util.Set;

/**
 * A network service the server can host: its name, default port, transports and pipeline stages.
 *
 * <p>The server builds the listening and datagram sockets and its own stages (see {@link Stages} for the
 * order); a service appends only its protocol stages, after every server and feature stage but the last
 * ({@link Stages#ERRORS}). Share only stateless {@code @Sharable} handlers; create stateful ones per call.
 */
public interface Service {

    /** Lower-case name, unique among the services of a server (e.g. {@code echo}). */
    String name();

    /** The well-known port (e.g. 7 for echo). */
    int defaultPort();

    /** The transports this service speaks. */
    Set<Transport> transports();

    /** Called once per accepted connection, on its event loop: append this service's stages. */
    void configureTcp(ChannelPipeline pipeline);

    /**
     * Called once per bound datagram socket: append the stages that receive its
     * {@link io.netty.channel.socket.DatagramPacket}s and answer each to its sender.
     */
    void configureUdp(ChannelPipeline pipeline);
}
