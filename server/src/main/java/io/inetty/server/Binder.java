package io.inetty.server;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.EventExecutor;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds one channel per (address, service, transport); on any failure closes what it bound and throws. */
final class Binder {
    private static final Logger log = LoggerFactory.getLogger(Binder.class);
    /** Room for the largest UDP payload (65,527 bytes over IPv6) so no datagram is truncated. */
    static final int MAX_DATAGRAM = 65536;
    private static final int EPHEMERAL_ATTEMPTS = 8;
    /** One allocator for every connection (each still gets its own handle): 32 bytes less per connection. */
    private static final AdaptiveRecvByteBufAllocator STREAM_READS = new AdaptiveRecvByteBufAllocator();

    private final ServerConfig config;
    private final IoSupport io;
    private final EventLoopGroup group;
    private final ChannelGroup listeners;
    private final Connections connections;
    private final Metrics metrics;
    private final Admission admission;
    private final ReplyBudget budget;
    private final Set<InetAddress> broadcasts;
    private final List<InetAddress> tcpAddresses;
    private final List<InetAddress> udpAddresses;
    private final boolean udpSkipsUnavailable;
    /** Wildcard mode served by one dual-stack {@code [::]} TCP socket (which must not be IPv6-only). */
    private final boolean tcpDualStack;

    Binder(ServerConfig config, IoSupport io, EventLoopGroup group, ChannelGroup listeners, Connections connections,
           Metrics metrics, ReplyBudget budget) {
        this.config = config;
        this.io = io;
        this.group = group;
        this.listeners = listeners;
        this.connections = connections;
        this.metrics = metrics;
        this.admission = new Admission(config.access(), config.family(), config.limits(), metrics);
        this.budget = budget;
        this.broadcasts = config.udp().strict() ? AddressResolver.broadcasts() : Set.of();
        if (config.hosts().isEmpty()) {
            tcpAddresses = wildcardTcp(config.family(), io);
            // Per-address UDP sockets, so each reply leaves from the address its request was sent to.
            udpAddresses = AddressResolver.localUnicast(config.family());
            udpSkipsUnavailable = true;
            tcpDualStack = config.family() == AddressFamily.ANY
                    && tcpAddresses.equals(List.of(AddressResolver.IPV6_ANY));
        } else {
            tcpAddresses = AddressResolver.resolve(config.hosts(), config.family());
            udpAddresses = tcpAddresses;
            udpSkipsUnavailable = false;
            tcpDualStack = false;
        }
    }

    private static List<InetAddress> wildcardTcp(AddressFamily family, IoSupport io) {
        List<InetAddress> all = AddressResolver.wildcards(family);
        if (all.size() == 2 && !(io.supportsV6Only() && io.hasIpv4ServerSockets())) {
            log.info("transport {} cannot bind 0.0.0.0 and an IPv6-only [::] to one port: serving TCP for both"
                    + " families on one dual-stack [::] socket", io.name().toLowerCase(java.util.Locale.ROOT));
            return List.of(AddressResolver.IPV6_ANY);
        }
        return all;
    }

    /** Binds everything; returns the endpoints in configuration order. */
    List<Endpoint> bindAll() {
        Map<Service, List<ServiceBinding>> byService = new LinkedHashMap<>();
        for (ServiceBinding b : config.bindings()) {
            byService.computeIfAbsent(b.service(), s -> new ArrayList<>()).add(b);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<Service, List<ServiceBinding>> e : byService.entrySet()) {
            List<ServiceBinding> ephemeral = new ArrayList<>();
            for (ServiceBinding b : e.getValue()) {
                if (b.port() == 0) {
                    ephemeral.add(b);
                } else {
                    bindAt(b, b.port(), false, endpoints, new ArrayList<>());
                }
            }
            if (!ephemeral.isEmpty()) {
                bindEphemeral(ephemeral, endpoints);
            }
        }
        return endpoints;
    }

    /** The first socket picks a port; every other socket of the service reuses it, retrying if it is taken. */
    private void bindEphemeral(List<ServiceBinding> bindings, List<Endpoint> endpoints) {
        for (int attempt = 1; ; attempt++) {
            List<Endpoint> these = new ArrayList<>();
            List<Channel> opened = new ArrayList<>();
            int port = 0;
            try {
                for (ServiceBinding b : bindings) {
                    port = bindAt(b, port, true, these, opened);
                }
                endpoints.addAll(these);
                return;
            } catch (RetryablePortClash clash) {
                for (Channel ch : opened) {
                    ch.close().awaitUninterruptibly();
                }
                if (attempt == EPHEMERAL_ATTEMPTS) {
                    throw clash.failure;
                }
                log.debug("ephemeral port {} taken for {}, retrying", port, clash.failure.getMessage());
            }
        }
    }

    /** Binds one service/transport on every address at {@code port}; returns the port actually bound. */
    private int bindAt(ServiceBinding b, int port, boolean ephemeral, List<Endpoint> out, List<Channel> opened) {
        boolean udp = b.transport() == Transport.UDP;
        List<InetAddress> addresses = udp ? udpAddresses : tcpAddresses;
        int bound = port;
        for (InetAddress address : addresses) {
            InetSocketAddress target = new InetSocketAddress(address, bound);
            List<EventLoopGroup> shards = shards();
            ChannelFuture f;
            if (shards.size() == 1) {
                f = bootstrap(b, address, group, false).bind(target).awaitUninterruptibly();
            } else {
                // A plain bind first: SO_REUSEPORT would silently share a port another process holds with it.
                f = bootstrap(b, address, group, false).bind(target).awaitUninterruptibly();
                if (f.isSuccess()) {
                    target = new InetSocketAddress(address, ((InetSocketAddress) f.channel().localAddress()).getPort());
                    f.channel().close().awaitUninterruptibly();
                    f = bindShards(b, address, target, shards, opened);
                }
            }
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                if (udp && udpSkipsUnavailable && BindFailure.isAddressNotAvailable(cause)) {
                    log.warn("skipping UDP on {}: {}", Endpoint.format(target), cause.getMessage());
                    continue;
                }
                InettyException failure = BindFailure.of(b.service().name(), b.transport(), target, cause);
                if (ephemeral && (bound != 0 || shards.size() > 1) && BindFailure.isAddressInUse(cause)) {
                    throw new RetryablePortClash(failure);
                }
                throw failure;
            }
            Channel ch = f.channel();
            listeners.add(ch);
            opened.add(ch);
            InetSocketAddress local = (InetSocketAddress) ch.localAddress();
            out.add(new Endpoint(b.service().name(), b.transport(), local));
            bound = local.getPort();
        }
        return bound;
    }

    /**
     * With a native transport and several threads, one socket per event loop shares the address through
     * SO_REUSEPORT: the kernel spreads connections and datagrams over the loops, and each connection is
     * served by the loop that accepted it. Otherwise one socket on the whole group.
     */
    private List<EventLoopGroup> shards() {
        if (!io.supportsReusePort() || config.threads() == 1) {
            return List.of(group);
        }
        List<EventLoopGroup> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        return loops;
    }

    /** Binds one SO_REUSEPORT socket per loop; returns the first's future, or the first failure. */
    private ChannelFuture bindShards(ServiceBinding b, InetAddress address, InetSocketAddress target,
                                     List<EventLoopGroup> shards, List<Channel> opened) {
        ChannelFuture first = null;
        for (EventLoopGroup loop : shards) {
            ChannelFuture f = bootstrap(b, address, loop, true).bind(target).awaitUninterruptibly();
            if (!f.isSuccess()) {
                return f;
            }
            if (first == null) {
                first = f;
            } else {
                listeners.add(f.channel());
                opened.add(f.channel());
            }
        }
        return first;
    }

    private AbstractBootstrap<?, ?> bootstrap(ServiceBinding b, InetAddress address, EventLoopGroup loops,
                                              boolean reusePort) {
        boolean v6only = !AddressResolver.isIpv4(address) && io.supportsV6Only()
                && !(b.transport() == Transport.TCP && tcpDualStack);
        String name = b.service().name();
        if (b.transport() == Transport.UDP) {
            Metrics.Service counters = metrics.service(name, Transport.UDP);
            Bootstrap udp = new Bootstrap()
                    .group(loops)
                    .channelFactory(io.datagramChannel(address))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(Stages.GUARD, new UdpGuard(name, config.access(), config.udp(),
                                    broadcasts, budget, counters));
                            ch.pipeline().addLast(Stages.HANDLER, b.service().udpHandler());
                            ch.pipeline().addLast(Stages.ERRORS, ErrorHandler.INSTANCE);
                        }
                    });
            if (v6only) {
                udp.option(IoSupport.IPV6_V6ONLY, 1);
            }
            if (reusePort) {
                udp.option(UnixChannelOption.SO_REUSEPORT, true);
            }
            io.datagramReads(udp, MAX_DATAGRAM);
            return udp;
        }
        Limits limits = config.limits();
        Connection.Shared shared = new Connection.Shared(name, connections, admission, limits, metrics,
                metrics.service(name, Transport.TCP));
        ServerBootstrap tcp = new ServerBootstrap()
                .group(loops, loops)
                .channelFactory(io.serverChannel(address))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .attr(AccessLog.SERVICE, name)
                .handler(admission)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, STREAM_READS)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!limits.idleTimeout().isZero()) {
                            ch.pipeline().addLast(Stages.IDLE, new IdleStateHandler(0, 0,
                                    limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast(Stages.CONNECTION, new Connection(shared));
                        // An initializer appends the service's stages at once (the channel is registered);
                        // a single shared handler is added as the handler stage directly.
                        ChannelHandler stage = b.service().tcpHandler();
                        ch.pipeline().addLast(stage instanceof ChannelInitializer ? Stages.SERVICE_INIT : Stages.HANDLER, stage);
                        ch.pipeline().addLast(Stages.ERRORS, ErrorHandler.INSTANCE);
                    }
                });
        if (v6only) {
            tcp.option(IoSupport.IPV6_V6ONLY, 1);
        }
        if (reusePort) {
            tcp.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        return tcp;
    }

    /** A bind of an already-picked ephemeral port hit a port in use: pick another and try again. */
    private static final class RetryablePortClash extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient InettyException failure;

        RetryablePortClash(InettyException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
