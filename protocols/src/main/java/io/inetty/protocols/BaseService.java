package io.inetty.protocols;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Ports;
import io.inetty.server.Service;
import io.inetty.server.Stages;
import io.inetty.server.Transport;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What every simple service shares: a name, a well-known port, and both transports. */
public abstract class BaseService implements Service {
    private static final Set<Transport> BOTH = Collections.unmodifiableSet(EnumSet.allOf(Transport.class));

    private final String name;
    private final int defaultPort;

    /** A service called {@code name} on {@code defaultPort}, over TCP and UDP. */
    protected BaseService(String name, int defaultPort) {
        this.name = requireNonNull(name, "name");
        this.defaultPort = Ports.check(defaultPort);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int defaultPort() {
        return defaultPort;
    }

    @Override
    public Set<Transport> transports() {
        return BOTH;
    }

    /** Appends {@code handler} as the service's protocol stage, {@link Stages#HANDLER}. */
    protected static void handler(ChannelPipeline pipeline, ChannelHandler handler) {
        pipeline.addLast(Stages.HANDLER, handler);
    }

    @Override
    public String toString() {
        return name + "/" + defaultPort;
    }
}
