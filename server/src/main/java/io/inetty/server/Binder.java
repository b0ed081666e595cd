package io.inetty.server;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds one channel per (address, service, transport); on any failure closes what it bound and throws. */
final class Binder {
    private static final Logger log = LoggerFactory.getLogger(Binder.class);
    /** Room for the largest UDP payload (65,527 bytes over IPv6) so no datagram is truncated. */
    static final int MAX_DATAGRAM = 65536;
    private static final int EPHEMERAL_ATTEMPTS = 8;

    private final ServerConfig config;
    private final IoSupport io;
    private final EventLoopGroup group;
    private final ChannelGroup listeners;
    private final ConnectionTracker tracker;
    private final List<InetAddress> tcpAddresses;
    private final List<InetAddress> udpAddresses;
    private final boolean udpSkipsUnavailable;
    /** Wildcard mode served by one dual-stack {@code [::]} TCP socket (which must not be IPv6-only). */
    private final boolean tcpDualStack;

    Binder(ServerConfig config, IoSupport io, EventLoopGroup group, ChannelGroup listeners, ChannelGroup accepted) {
        this.config = config;
        this.io = io;
        this.group = group;
        this.listeners = listeners;
        this.tracker = new ConnectionTracker(accepted);
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
            ChannelFuture f = bootstrap(b, address).bind(target).awaitUninterruptibly();
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                if (udp && udpSkipsUnavailable && BindFailure.isAddressNotAvailable(cause)) {
                    log.warn("skipping UDP on {}: {}", Endpoint.format(target), cause.getMessage());
                    continue;
                }
                InettyException failure = BindFailure.of(b.service().name(), b.transport(), target, cause);
                if (ephemeral && bound != 0 && BindFailure.isAddressInUse(cause)) {
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

    private AbstractBootstrap<?, ?> bootstrap(ServiceBinding b, InetAddress address) {
        boolean v6only = !AddressResolver.isIpv4(address) && io.supportsV6Only()
                && !(b.transport() == Transport.TCP && tcpDualStack);
        if (b.transport() == Transport.UDP) {
            Bootstrap udp = new Bootstrap()
                    .group(group)
                    .channelFactory(io.datagramChannel(address))
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(Stages.HANDLER, b.service().udpHandler());
                            ch.pipeline().addLast(Stages.ERRORS, ErrorHandler.INSTANCE);
                        }
                    });
            if (v6only) {
                udp.option(IoSupport.IPV6_V6ONLY, 1);
            }
            return udp;
        }
        ServerBootstrap tcp = new ServerBootstrap()
                .group(group)
                .channelFactory(io.serverChannel(address))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Stages.TRACKER, tracker);
                        // Usually an initializer: it appends the service's stages at once (channel registered).
                        ch.pipeline().addLast(Stages.SERVICE_INIT, b.service().tcpHandler());
                        ch.pipeline().addLast(Stages.ERRORS, ErrorHandler.INSTANCE);
                    }
                });
        if (v6only) {
            tcp.option(IoSupport.IPV6_V6ONLY, 1);
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
