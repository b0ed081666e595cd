package io.inetty.server;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one channel per (address, binding), or one per event loop with SO_REUSEPORT, or serves the sockets
 * another process bound ({@link BindingOptions#SOCKETS}); on any failure closes what it opened and throws. Each channel's pipeline is built by {@link Pipelines}.
 */
final class Binder {
    private static final Logger log = LoggerFactory.getLogger(Binder.class);
    /** Room for the largest UDP payload (65,527 bytes over IPv6) so no datagram is truncated. */
    static final int MAX_DATAGRAM = 65536;
    private static final int EPHEMERAL_ATTEMPTS = 8;
    /** One allocator for every connection (each still gets its own handle): 32 bytes less per connection. */
    private static final AdaptiveRecvByteBufAllocator STREAM_READS = new AdaptiveRecvByteBufAllocator();

    private final ServerConfig config;
    private final IoTransport io;
    private final EventLoopGroup group;
    private final List<Channel> listeners;
    private final Pipelines pipelines;
    /** The sockets of each binding, for closing one binding while the server runs. */
    private final Map<ServiceBinding, List<Channel>> sockets = new ConcurrentHashMap<>();
    /** The sockets of each UDP endpoint (several with SO_REUSEPORT shards), for the address watcher. */
    private final Map<Endpoint, List<Channel>> udpSockets = new ConcurrentHashMap<>();
    private final List<InetAddress> tcpAddresses;
    private final List<InetAddress> udpAddresses;
    private final boolean udpSkipsUnavailable;
    /** Wildcard mode served by one dual-stack {@code [::]} TCP socket (which must not be IPv6-only). */
    private final boolean tcpDualStack;

    Binder(ServerConfig config, IoTransport io, EventLoopGroup group, List<Channel> listeners, Pipelines pipelines) {
        this.config = config;
        this.io = io;
        this.group = group;
        this.listeners = listeners;
        this.pipelines = pipelines;
        if (config.wildcard()) {
            tcpAddresses = wildcardTcp(config.family(), io);
            // Per-address UDP sockets, so each reply leaves from the address its request was sent to.
            udpAddresses = AddressResolver.localUnicast(config.family());
            udpSkipsUnavailable = true;
            tcpDualStack = config.family() == AddressFamily.ANY
                    && tcpAddresses.equals(List.of(AddressResolver.IPV6_ANY));
        } else {
            tcpAddresses = config.hosts().isEmpty() ? AddressResolver.loopback(config.family())
                    : AddressResolver.resolve(config.hosts(), config.family());
            udpAddresses = tcpAddresses;
            udpSkipsUnavailable = false;
            tcpDualStack = false;
        }
    }

    /** Whether UDP serves each local address (wildcard mode), and should follow address changes. */
    boolean followsAddresses() {
        return udpSkipsUnavailable;
    }

    /** The addresses UDP was bound to at start (wildcard mode: the local unicast addresses). */
    List<InetAddress> udpAddresses() {
        return udpAddresses;
    }

    private static List<InetAddress> wildcardTcp(AddressFamily family, IoTransport io) {
        List<InetAddress> all = AddressResolver.wildcards(family);
        if (all.size() == 2 && !(io.supportsV6Only() && io.hasIpv4ServerSockets())) {
            log.info("transport {} cannot bind 0.0.0.0 and an IPv6-only [::] to one port: serving TCP for both"
                    + " families on one dual-stack [::] socket", io.label());
            return List.of(AddressResolver.IPV6_ANY);
        }
        return all;
    }

    /**
     * Binds everything; returns the endpoints in configuration order. The bindings of one service with the same
     * label (e.g. echo's tcp and udp) asked for port 0 share one ephemeral port.
     */
    List<Endpoint> bindAll() {
        return bind(config.bindings(), null);
    }

    /**
     * Binds {@code bindings} on {@code addresses} (null: the configured ones), all or nothing: on a failure the
     * sockets this call opened are closed before the {@link BindFailureException} is thrown.
     */
    List<Endpoint> bind(List<ServiceBinding> bindings, List<InetAddress> addresses) {
        List<Channel> before = List.copyOf(listeners);
        try {
            return bindGroups(bindings, addresses);
        } catch (RuntimeException e) {
            for (Channel ch : listeners) {
                if (!before.contains(ch)) {
                    listeners.remove(ch);
                    ch.close().awaitUninterruptibly();
                }
            }
            sockets.values().forEach(channels -> channels.removeIf(ch -> !ch.isOpen()));
            throw e;
        }
    }

    /** Closes every socket of {@code binding}; waits until they are closed. */
    void close(ServiceBinding binding) {
        List<Channel> channels = sockets.remove(binding);
        if (channels != null) {
            listeners.removeAll(channels);
            channels.forEach(ch -> ch.close().awaitUninterruptibly());
        }
        udpSockets.keySet().removeIf(e -> e.binding() == binding);
    }

    private List<Endpoint> bindGroups(List<ServiceBinding> bindings, List<InetAddress> addresses) {
        Map<String, List<ServiceBinding>> groups = new LinkedHashMap<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (ServiceBinding b : bindings) {
            if (b.options().has(BindingOptions.SOCKETS)) {
                adopt(b, endpoints);
                continue;
            }
            String group = b.service().name() + (b.options().has(BindingOptions.LABEL) ? "/" + b.label() : "");
            groups.computeIfAbsent(group, s -> new ArrayList<>()).add(b);
        }
        for (List<ServiceBinding> group : groups.values()) {
            List<ServiceBinding> ephemeral = new ArrayList<>();
            for (ServiceBinding b : group) {
                if (b.port() == 0) {
                    ephemeral.add(b);
                } else {
                    bindAt(b, addresses, b.port(), false, endpoints, new ArrayList<>());
                }
            }
            if (!ephemeral.isEmpty()) {
                bindEphemeral(ephemeral, addresses, endpoints);
            }
        }
        return endpoints;
    }

    /** The first socket picks a port; every other socket of the group reuses it, retrying if it is taken. */
    private void bindEphemeral(List<ServiceBinding> bindings, List<InetAddress> addresses, List<Endpoint> endpoints) {
        for (int attempt = 1; ; attempt++) {
            List<Endpoint> these = new ArrayList<>();
            List<Channel> opened = new ArrayList<>();
            int port = 0;
            try {
                for (ServiceBinding b : bindings) {
                    port = bindAt(b, addresses, port, true, these, opened);
                }
                endpoints.addAll(these);
                return;
            } catch (RetryablePortClash clash) {
                for (Channel ch : opened) {
                    listeners.remove(ch);
                    ch.close().awaitUninterruptibly();
                }
                udpSockets.values().removeIf(opened::containsAll);
                sockets.values().forEach(channels -> channels.removeAll(opened));
                if (attempt == EPHEMERAL_ATTEMPTS) {
                    throw clash.failure;
                }
                log.debug("ephemeral port {} taken: {}, retrying", port, clash.failure.getMessage());
            }
        }
    }

    /** Binds one binding on every address at {@code port}; returns the port actually bound. */
    private int bindAt(ServiceBinding b, List<InetAddress> only, int port, boolean ephemeral, List<Endpoint> out,
                       List<Channel> opened) {
        boolean udp = b.transport() == Transport.UDP;
        List<InetAddress> addresses = only != null ? only : udp ? udpAddresses : tcpAddresses;
        int bound = port;
        for (InetAddress address : addresses) {
            Endpoint endpoint;
            try {
                endpoint = bindOne(b, address, bound, opened);
            } catch (BindFailureException failure) {
                if (udp && only == null && udpSkipsUnavailable && failure.kind() == BindFailureException.Kind.ADDRESS_NOT_AVAILABLE) {
                    log.warn("skipping UDP on {}: {}", Endpoint.format(failure.address()), failure.getCause().getMessage());
                    continue;
                }
                if (ephemeral && (bound != 0 || shards().size() > 1)
                        && failure.kind() == BindFailureException.Kind.ADDRESS_IN_USE) {
                    throw new RetryablePortClash(failure);
                }
                throw failure;
            }
            out.add(endpoint);
            bound = endpoint.port();
        }
        return bound;
    }

    /**
     * Binds one UDP binding on a further address at {@code port} (the address watcher); its sockets are tracked for
     * {@link #closeUdp}. Throws {@link BindFailureException}.
     */
    Endpoint bindUdp(ServiceBinding b, InetAddress address, int port) {
        return bindOne(b, address, port, new ArrayList<>());
    }

    /** Closes the UDP sockets of {@code endpoint} (its address has gone); waits until they are closed. */
    void closeUdp(Endpoint endpoint) {
        List<Channel> channels = udpSockets.remove(endpoint);
        if (channels != null) {
            channels.forEach(listeners::remove);
            List<Channel> ofBinding = sockets.get(endpoint.binding());
            if (ofBinding != null) {
                ofBinding.removeAll(channels);
            }
            channels.forEach(ch -> ch.close().awaitUninterruptibly());
        }
    }

    /** Binds {@code b} at one address (one socket, or one per loop); every socket opened is tracked at once. */
    private Endpoint bindOne(ServiceBinding b, InetAddress address, int port, List<Channel> opened) {
        InetSocketAddress target = new InetSocketAddress(address, port);
        List<EventLoopGroup> shards = shards();
        int before = opened.size();
        // With shards, a plain bind first: SO_REUSEPORT would silently share a port another process holds.
        ChannelFuture f = bootstrap(b, address, group, false).bind(target).awaitUninterruptibly();
        if (f.isSuccess() && shards.size() > 1) {
            target = new InetSocketAddress(address, ((InetSocketAddress) f.channel().localAddress()).getPort());
            f.channel().close().awaitUninterruptibly();
            f = bindShards(b, address, target, shards, opened);
        } else if (f.isSuccess()) {
            listeners.add(f.channel());
            opened.add(f.channel());
        }
        if (!f.isSuccess()) {
            throw BindFailure.of(b.service().name(), b.transport(), target, f.cause());
        }
        Endpoint endpoint = new Endpoint(b, (InetSocketAddress) f.channel().localAddress());
        track(endpoint, List.copyOf(opened.subList(before, opened.size())));
        return endpoint;
    }

    /** Remembers the sockets of {@code endpoint}; a UDP socket gets its stages, then starts reading. */
    private void track(Endpoint endpoint, List<Channel> mine) {
        sockets.computeIfAbsent(endpoint.binding(), k -> new CopyOnWriteArrayList<>()).addAll(mine);
        if (endpoint.transport() == Transport.UDP) {
            for (Channel ch : mine) {
                ch.eventLoop().submit(() -> {
                    pipelines.udp(endpoint, ch);
                    ch.config().setAutoRead(true);
                }).syncUninterruptibly();
            }
            udpSockets.put(endpoint, mine);
        }
    }

    /**
     * Serves the sockets another process opened for {@code b} ({@link BindingOptions#SOCKETS}): each is registered
     * on a loop of the group instead of bound, and its address is read from it. A TCP listener's connections are
     * spread over the whole group; a UDP socket is served by one loop.
     */
    private void adopt(ServiceBinding b, List<Endpoint> out) {
        if (config.transport() == IoTransport.AUTO) {
            IoTransport.EPOLL.resolve(); // AUTO fell back from epoll: say why
        }
        io.requireEpoll();
        InheritedSockets inherited = b.options().get(BindingOptions.SOCKETS);
        inherited.check(b);
        for (int fd : inherited.fds()) {
            AbstractBootstrap<?, ?> bootstrap = b.transport() == Transport.UDP
                    ? udp(io.inheritedDatagramChannel(fd), group) : tcp(b, io.inheritedServerChannel(fd), group);
            ChannelFuture f = bootstrap.register().awaitUninterruptibly();
            if (f.isSuccess()) {
                listeners.add(f.channel());
            }
            if (!f.isSuccess() || !f.channel().isActive()) {
                throw new IllegalArgumentException("sockets: fd " + fd + " of " + b.service().name() + "/" + b.label()
                        + " cannot be served: " + (f.isSuccess() ? "not active" : f.cause()));
            }
            Endpoint endpoint = new Endpoint(b, (InetSocketAddress) f.channel().localAddress());
            track(endpoint, List.of(f.channel()));
            out.add(endpoint);
        }
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

    /** Binds one SO_REUSEPORT socket per loop, each one tracked at once; returns the first's future, or a failure. */
    private ChannelFuture bindShards(ServiceBinding b, InetAddress address, InetSocketAddress target,
                                     List<EventLoopGroup> shards, List<Channel> opened) {
        ChannelFuture first = null;
        for (EventLoopGroup loop : shards) {
            ChannelFuture f = bootstrap(b, address, loop, true).bind(target).awaitUninterruptibly();
            if (!f.isSuccess()) {
                return f;
            }
            listeners.add(f.channel());
            opened.add(f.channel());
            if (first == null) {
                first = f;
            }
        }
        return first;
    }

    private AbstractBootstrap<?, ?> bootstrap(ServiceBinding b, InetAddress address, EventLoopGroup loops,
                                              boolean reusePort) {
        boolean v6only = !AddressResolver.isIpv4(address) && io.supportsV6Only()
                && !(b.transport() == Transport.TCP && tcpDualStack);
        AbstractBootstrap<?, ?> bootstrap = b.transport() == Transport.UDP ? udp(io.datagramChannel(address), loops)
                : tcp(b, io.serverChannel(address), loops);
        if (v6only) {
            bootstrap.option(IoTransport.IPV6_V6ONLY, 1);
        }
        if (reusePort) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        return bootstrap;
    }

    private Bootstrap udp(ChannelFactory<DatagramChannel> channels, EventLoopGroup loops) {
        Bootstrap udp = new Bootstrap()
                .group(loops)
                .channelFactory(channels)
                .option(ChannelOption.AUTO_READ, false)
                // The stages are added once the socket is bound (see bindAt), then reads start.
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                });
        io.datagramReads(udp, MAX_DATAGRAM);
        return udp;
    }

    private ServerBootstrap tcp(ServiceBinding b, ChannelFactory<ServerSocketChannel> channels, EventLoopGroup loops) {
        return new ServerBootstrap()
                .group(loops, loops)
                .channelFactory(channels)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // No TCP_NODELAY child option: Netty's socket configs of every transport turn it on by default on
                // Linux, and setting it again costs one more system call per accepted connection (TcpNoDelayTest).
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, STREAM_READS)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(pipelines.tcp(b));
    }

    /** A bind of an already-picked ephemeral port hit a port in use: pick another and try again. */
    private static final class RetryablePortClash extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient BindFailureException failure;

        RetryablePortClash(BindFailureException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
