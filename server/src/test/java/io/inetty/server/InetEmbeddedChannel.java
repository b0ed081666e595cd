package io.inetty.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An {@link EmbeddedChannel} with IP socket addresses, as an accepted connection has. */
public final class InetEmbeddedChannel extends EmbeddedChannel {
    public static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 7);
    public static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 40_000);

    private final InetSocketAddress peer;

    public InetEmbeddedChannel(InetSocketAddress peer, ChannelHandler... handlers) {
        super(false, false, handlers);
        this.peer = peer;
        registerNow();
    }

    public InetEmbeddedChannel(ChannelHandler... handlers) {
        this(PEER, handlers);
    }

    private void registerNow() {
        try {
            super.register();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        return LOCAL;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return peer;
    }
}
