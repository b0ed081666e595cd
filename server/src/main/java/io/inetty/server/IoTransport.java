package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * The I/O implementation: {@link #AUTO} (epoll, then io_uring, then NIO) or a forced one. A concrete
 * transport (never {@code AUTO}) also makes the event-loop handler and the channels of servers and of
 * clients (the relay, {@code bench}), so every part of a process uses one transport.
 */
public enum IoTransport {
    AUTO,
    EPOLL,
    IO_URING,
    NIO;

    /** {@code setsockopt(IPPROTO_IPV6, IPV6_V6ONLY)}: Linux values, used with the native transports only. */
    static final ChannelOption<Integer> IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);
    /** Datagrams read per recvmmsg call (epoll): one read of a loop serves up to this many requests. */
    static final int DATAGRAM_BATCH = Integer.getInteger("inetty.udp.batch", 16);

    /**
     * The concrete transport: this one if it is available, or for {@link #AUTO} the best available; throws
     * {@link BindFailureException} of kind {@code TRANSPORT_UNAVAILABLE} naming the cause.
     */
    public IoTransport resolve() {
        if (this == AUTO) {
            return EPOLL.isAvailable() ? EPOLL : IO_URING.isAvailable() ? IO_URING : NIO;
        }
        if (!isAvailable()) {
            throw BindFailureException.transportUnavailable(label(), unavailabilityCause());
        }
        return this;
    }

    /** Whether this transport can run here ({@code AUTO} and NIO always can). */
    public boolean isAvailable() {
        return switch (this) {
            case EPOLL -> Epoll.isAvailable();
            case IO_URING -> IoUring.isAvailable();
            default -> true;
        };
    }

    /** Why a native transport cannot run here, or null. */
    public Throwable unavailabilityCause() {
        return switch (this) {
            case EPOLL -> Epoll.unavailabilityCause();
            case IO_URING -> IoUring.unavailabilityCause();
            default -> null;
        };
    }

    /** The transport a channel was made by (for a stage that opens channels of its own, e.g. a relay). */
    public static IoTransport of(Channel channel) {
        requireNonNull(channel, "channel");
        String pkg = channel.getClass().getPackageName();
        return pkg.endsWith(".epoll") ? EPOLL : pkg.endsWith(".uring") ? IO_URING : NIO;
    }

    /** The event-loop handler factory for {@code MultiThreadIoEventLoopGroup}. */
    public IoHandlerFactory handlerFactory() {
        return switch (concrete()) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    /** Client TCP channels to {@code target}'s family. */
    public ChannelFactory<SocketChannel> socketChannel(InetAddress target) {
        SocketProtocolFamily family = family(target);
        return pick(() -> new EpollSocketChannel(family), () -> new IoUringSocketChannel(),
                () -> new NioSocketChannel(SelectorProvider.provider(), family));
    }

    /** UDP channels of {@code address}'s family. */
    public ChannelFactory<DatagramChannel> datagramChannel(InetAddress address) {
        SocketProtocolFamily family = family(address);
        return pick(() -> new EpollDatagramChannel(family), () -> new IoUringDatagramChannel(family),
                () -> new NioDatagramChannel(SelectorProvider.provider(), family));
    }

    /** {@code auto}, {@code epoll}, {@code io_uring} or {@code nio}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Listening TCP channels of {@code address}'s family (e.g. for a feature that serves on the server's loops). */
    public ChannelFactory<ServerSocketChannel> serverChannel(InetAddress address) {
        SocketProtocolFamily family = family(address);
        return pick(() -> new EpollServerSocketChannel(family), () -> new IoUringServerSocketChannel(),
                () -> new NioServerSocketChannel(SelectorProvider.provider(), family));
    }

    /** One of three factories by the concrete transport (lambdas: a transport's classes load only when it is used). */
    private <C extends Channel> ChannelFactory<C> pick(ChannelFactory<C> epoll, ChannelFactory<C> ioUring,
            ChannelFactory<C> nio) {
        return switch (concrete()) {
            case EPOLL -> epoll;
            case IO_URING -> ioUring;
            default -> nio;
        };
    }

    /**
     * Channels that serve the listening TCP socket {@code fd} another process opened ({@link InheritedSockets}), e.g.
     * for a feature that serves on the server's loops (an admin endpoint passed by socket activation): checks that it
     * is one and puts it in non-blocking mode. Register the channel instead of binding it. Epoll only; throws
     * {@code IllegalArgumentException} naming the descriptor.
     */
    public ChannelFactory<ServerSocketChannel> inheritedServerChannel(int fd) {
        requireEpoll();
        prepare(fd, Transport.TCP);
        // This constructor marks the channel active when SO_ERROR is 0, so registering it starts the accepts (a
        // channel that never becomes active never reads: netty PR #13877, the domain-socket variant of this trap).
        return () -> new EpollServerSocketChannel(fd);
    }

    /** Channels that serve the bound UDP socket {@code fd} another process opened; epoll only. */
    ChannelFactory<DatagramChannel> inheritedDatagramChannel(int fd) {
        requireEpoll();
        prepare(fd, Transport.UDP);
        return () -> new EpollDatagramChannel(fd);
    }

    /** Checks the socket's transport, and makes it non-blocking (an activator may pass a blocking one). */
    private static void prepare(int fd, Transport expected) {
        Transport actual = InheritedSockets.transportOf(fd);
        if (actual != expected) {
            throw new IllegalArgumentException("sockets: fd " + fd + " is a " + actual.label() + " socket (expected: "
                    + expected.label() + ")");
        }
        try {
            NonBlocking.set(fd);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("sockets: fd " + fd + " cannot be made non-blocking: " + e.getMessage(), e);
        }
    }

    void requireEpoll() {
        if (this != EPOLL) {
            throw new IllegalArgumentException("transport: " + label()
                    + " cannot serve inherited sockets (expected: epoll, the default where it runs)");
        }
    }

    /** Whether one IPv6 socket can be restricted to IPv6 so that {@code 0.0.0.0} and {@code ::} share a port. */
    boolean supportsV6Only() {
        return this != NIO;
    }

    /** Whether several sockets can share an address with SO_REUSEPORT (the native transports, on Linux). */
    boolean supportsReusePort() {
        return this != NIO;
    }

    /**
     * Whether an IPv4 TCP listener is an IPv4 ({@code AF_INET}) socket. Netty's io_uring server channel has no
     * family: it is always {@code AF_INET6}, and binding it to {@code 0.0.0.0} gives a dual-stack {@code [::]}.
     */
    boolean hasIpv4ServerSockets() {
        return this != IO_URING;
    }

    /**
     * Reads whole datagrams of up to {@code maxDatagram} bytes (no truncation at Netty's 2 KiB default); on
     * epoll, {@link #DATAGRAM_BATCH} of them per {@code recvmmsg} call into one pooled buffer, sliced per
     * datagram.
     */
    void datagramReads(Bootstrap udp, int maxDatagram) {
        int size = maxDatagram;
        if (this == EPOLL && DATAGRAM_BATCH > 1) {
            udp.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
            size = maxDatagram * DATAGRAM_BATCH;
        }
        udp.option(ChannelOption.RECVBUF_ALLOCATOR, fixedReads(size));
    }

    /**
     * Reads of {@code size} bytes each, for datagram sockets (a relay's upstream sockets too): a fixed size, but
     * the adaptive allocator's class, as TCP reads use, so the read loops shared by stream and datagram channels
     * see one handle class, not two (a second class seen there deoptimizes the compiled TCP read path and leaves
     * it polymorphic for the life of the process).
     */
    public static RecvByteBufAllocator fixedReads(int size) {
        return new AdaptiveRecvByteBufAllocator(size, size, size);
    }

    private IoTransport concrete() {
        if (this == AUTO) {
            throw new IllegalStateException("transport: auto (expected: a concrete transport, see resolve())");
        }
        return this;
    }

    private static SocketProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
    }
}
