package io.inetty.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;

/**
 * How a sealed connection (drain at stop, session limit) ends its output once what it owed is flushed. The
 * default shuts the TCP output down (the peer reads EOF); a stage that wraps the stream sets its own on the
 * channel, e.g. TLS sends {@code close_notify} first.
 */
@FunctionalInterface
public interface OutputShutdown {
    /** The channel attribute holding a connection's strategy, when it is not the default. */
    AttributeKey<OutputShutdown> KEY = AttributeKey.valueOf(OutputShutdown.class, "outputShutdown");

    /** Shuts down TCP output, or closes a channel that cannot half-close. */
    OutputShutdown DEFAULT = ch -> ch instanceof DuplexChannel && ch.isActive()
            ? ((DuplexChannel) ch).shutdownOutput() : ch.close();

    /** Ends the output of {@code channel}; called on its event loop; the future completes when it has ended. */
    ChannelFuture shutdownOutput(Channel channel);

    /** Sets {@code strategy} for {@code channel}. */
    static void set(Channel channel, OutputShutdown strategy) {
        channel.attr(KEY).set(strategy);
    }

    /** The strategy of {@code channel}. */
    static OutputShutdown of(Channel channel) {
        OutputShutdown s = channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
        return s == null ? DEFAULT : s;
    }
}
