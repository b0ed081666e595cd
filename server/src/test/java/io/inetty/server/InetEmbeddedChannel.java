package io.inetty.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Ticker;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An {@link EmbeddedChannel} with IP socket addresses, as an accepted connection has. */
public class InetEmbeddedChannel extends EmbeddedChannel {
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

    /** A channel from {@code peer} whose event loop reads the time from {@code ticker} (a mock one in tests). */
    protected InetEmbeddedChannel(InetSocketAddress peer, Ticker ticker, ChannelHandler... handlers) {
        super(EmbeddedChannel.builder().register(false).handlers(handlers).ticker(ticker));
        this.peer = peer;
        registerNow();
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
