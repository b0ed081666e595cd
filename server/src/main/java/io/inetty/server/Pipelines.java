package io.inetty.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds every pipeline in the order {@link Stages} documents: the server's stages, the contributors' slots
 * and the service's stages.
 */
final class Pipelines {
    private final ServerConfig config;
    private final Connections registry;
    private final Admission admission;
    private final Metrics metrics;
    private final UdpGuard.Shared udp;
    private final Map<Stages.Slot, List<PipelineContributor>> slots = new EnumMap<>(Stages.Slot.class);

    Pipelines(ServerConfig config, Connections registry, Metrics metrics, UdpGuard.Shared udp) {
        this.config = config;
        this.registry = registry;
        this.admission = new Admission(config.access(), config.family(), config.limits());
        this.metrics = metrics;
        this.udp = udp;
        for (Stages.Slot slot : Stages.Slot.values()) {
            slots.put(slot, config.contributors().stream().filter(c -> c.slot() == slot).toList());
        }
    }

    /** The child initializer of one TCP listener of {@code binding}. */
    ChannelInitializer<Channel> tcp(ServiceBinding binding) {
        return new Tcp(binding);
    }

    /** Builds the pipeline of a bound UDP socket (its reads start after this). */
    void udp(Endpoint endpoint, Channel ch) {
        ChannelPipeline p = ch.pipeline();
        contribute(Stages.Slot.PROXY, endpoint, p, false);
        Counters counters = metrics.counters(endpoint.service(), Transport.UDP);
        p.addLast(Stages.GUARD, new UdpGuard(endpoint.service(), udp, counters));
        contribute(Stages.Slot.FAULTS, endpoint, p, false);
        endpoint.binding().service().configureUdp(p);
        p.addLast(Stages.ERRORS, ErrorHandler.INSTANCE);
    }

    private void contribute(Stages.Slot slot, Endpoint endpoint, ChannelPipeline p, boolean tcp) {
        for (PipelineContributor c : slots.get(slot)) {
            if (tcp) {
                c.configureTcp(endpoint, p);
            } else {
                c.configureUdp(endpoint, p);
            }
        }
    }

    /** Builds each accepted connection's pipeline; shared by the connections of one listener. */
    @Sharable
    private final class Tcp extends ChannelInitializer<Channel> {
        private final ServiceBinding binding;
        private volatile Connection.Shared shared;

        Tcp(ServiceBinding binding) {
            this.binding = binding;
        }

        @Override
        protected void initChannel(Channel ch) {
            Connection.Shared s = shared(ch);
            Endpoint endpoint = s.endpoint();
            ChannelPipeline p = ch.pipeline();
            contribute(Stages.Slot.PROXY, endpoint, p, true);
            contribute(Stages.Slot.TLS, endpoint, p, true);
            if (!s.limits().idleTimeout().isZero()) {
                p.addLast(Stages.IDLE, new IdleStateHandler(0, 0, s.limits().idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
            p.addLast(Stages.CONNECTION, new Connection(s));
            contribute(Stages.Slot.FAULTS, endpoint, p, true);
            binding.service().configureTcp(p);
            p.addLast(Stages.ERRORS, ErrorHandler.INSTANCE);
        }

        /** The listener's bound address is known once a connection arrives. */
        private Connection.Shared shared(Channel ch) {
            Connection.Shared s = shared;
            if (s == null) {
                Endpoint endpoint = new Endpoint(binding, (InetSocketAddress) ch.parent().localAddress());
                s = new Connection.Shared(endpoint, registry, admission, config.limits(),
                        metrics.counters(binding.service().name(), Transport.TCP), config.accessLog());
                shared = s;
            }
            return s;
        }
    }
}
