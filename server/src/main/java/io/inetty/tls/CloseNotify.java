package io.inetty.tls;

import io.inetty.server.OutputShutdown;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.PromiseNotifier;

/**
 * How a TLS connection ends its output when it is drained or reaches a session limit: {@code close_notify}
 * first (so the client knows the stream was not truncated), then the TCP output is shut down.
 */
final class CloseNotify implements OutputShutdown {
    static final CloseNotify INSTANCE = new CloseNotify();

    private CloseNotify() {
    }

    @Override
    public ChannelFuture shutdownOutput(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return OutputShutdown.DEFAULT.shutdownOutput(channel);
        }
        ChannelPromise done = channel.newPromise();
        ssl.closeOutbound().addListener(sent -> PromiseNotifier.cascade(OutputShutdown.DEFAULT.shutdownOutput(channel), done));
        return done;
    }
}
