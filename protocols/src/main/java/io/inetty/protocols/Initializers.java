package io.inetty.protocols;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Stages;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import java.util.function.Supplier;

/** TCP initializers for services whose pipeline is one handler stage. */
public final class Initializers {
    private Initializers() {
    }

    /**
     * The one {@code @Sharable} instance for every connection: returned as is, and the server adds it as
     * {@link Stages#HANDLER} (no initializer to run and remove per connection).
     */
    public static ChannelHandler shared(ChannelHandler handler) {
        requireNonNull(handler, "handler");
        if (!handler.getClass().isAnnotationPresent(Sharable.class)) {
            throw new IllegalArgumentException("handler: " + handler.getClass().getName() + " (expected: @Sharable)");
        }
        return handler;
    }

    /** Adds a new handler from {@code factory} to every connection (for stateful handlers). */
    public static ChannelHandler perChannel(Supplier<? extends ChannelHandler> factory) {
        requireNonNull(factory, "factory");
        return new Init(factory);
    }

    @Sharable
    private static final class Init extends ChannelInitializer<Channel> {
        private final Supplier<? extends ChannelHandler> factory;

        Init(Supplier<? extends ChannelHandler> factory) {
            this.factory = factory;
        }

        @Override
        protected void initChannel(Channel ch) {
            ch.pipeline().addLast(Stages.HANDLER, factory.get());
        }
    }
}
