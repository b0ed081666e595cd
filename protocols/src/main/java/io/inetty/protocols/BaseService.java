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

/**
 * What every simple service shares: a name, a well-known port, both transports, and, for most, one {@code @Sharable}
 * stage per transport given to {@link #sharedStages} (a service with per-connection state overrides
 * {@link #configureTcp} and {@link #configureUdp} instead).
 */
public abstract class BaseService implements Service {
    private static final Set<Transport> BOTH = Collections.unmodifiableSet(EnumSet.allOf(Transport.class));

    private final String name;
    private final int defaultPort;
    // Set once by the subclass's constructor (a handler may need the finished service), by sharedStages only; read
    // after publication.
    private ChannelHandler tcp;
    private ChannelHandler udp;

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

    /**
     * From the constructor, once: every connection gets {@code tcp}, every datagram socket {@code udp} (both
     * stateless); a second call throws {@link IllegalStateException}.
     */
    protected final void sharedStages(ChannelHandler tcp, ChannelHandler udp) {
        requireNonNull(tcp, "tcp");
        requireNonNull(udp, "udp");
        if (this.tcp != null) {
            throw new IllegalStateException(name + ": shared stages already set (expected: one sharedStages call)");
        }
        this.tcp = tcp;
        this.udp = udp;
    }

    /** From the constructor, once: one stateless handler serves both transports. */
    protected final void sharedStages(ChannelHandler both) {
        sharedStages(both, both);
    }

    /** Appends the shared TCP stage; a service without one overrides this. */
    @Override
    public void configureTcp(ChannelPipeline pipeline) {
        handler(pipeline, shared(tcp));
    }

    /** Appends the shared UDP stage; a service without one overrides this. */
    @Override
    public void configureUdp(ChannelPipeline pipeline) {
        handler(pipeline, shared(udp));
    }

    private ChannelHandler shared(ChannelHandler handler) {
        if (handler == null) {
            throw new IllegalStateException(name + ": no shared stages (call sharedStages or override configureTcp/Udp)");
        }
        return handler;
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
