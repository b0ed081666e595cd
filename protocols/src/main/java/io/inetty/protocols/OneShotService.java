package io.inetty.protocols;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

/**
 * A service of the {@link OneShot} shape (qotd, daytime, time): one message per connection, then close, or one
 * per datagram. A subclass only makes the message.
 */
public abstract class OneShotService extends BaseService implements Responder {
    private final ChannelHandler tcp = OneShot.tcp(this);
    private final ChannelHandler udp = OneShot.udp(this);

    /** A one-shot service called {@code name} on {@code defaultPort}, over TCP and UDP. */
    protected OneShotService(String name, int defaultPort) {
        super(name, defaultPort);
    }

    @Override
    public final void configureTcp(ChannelPipeline pipeline) {
        handler(pipeline, tcp);
    }

    @Override
    public final void configureUdp(ChannelPipeline pipeline) {
        handler(pipeline, udp);
    }
}
