package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
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
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;

/**
 * The I/O transport actually in use: its event-loop handler and its channel factories, for the server and
 * for clients (the CLI's {@code check} and {@code bench}) alike.
 */
public enum IoSupport {
    EPOLL,
    IO_URING,
    NIO;

    /** {@code setsockopt(IPPROTO_IPV6, IPV6_V6ONLY)}: Linux values, used with the native transports only. */
    static final ChannelOption<Integer> IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

    /** Picks the transport: the requested one (failing if unavailable) or the best available. */
    public static IoSupport select(IoTransport wanted) {
        requireNonNull(wanted, "wanted");
        switch (wanted) {
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new InettyException("transport: epoll is not available: " + Epoll.unavailabilityCause());
                }
                return EPOLL;
            case IO_URING:
                if (!IoUring.isAvailable()) {
                    throw new InettyException("transport: io_uring is not available: " + IoUring.unavailabilityCause());
                }
                return IO_URING;
            case NIO:
                return NIO;
            default:
                if (Epoll.isAvailable()) {
                    return EPOLL;
                }
                return IoUring.isAvailable() ? IO_URING : NIO;
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

    /** Datagrams read per recvmmsg call (epoll): one read of a loop serves up to this many requests. */
    static final int DATAGRAM_BATCH = Integer.getInteger("inetty.udp.batch", 16);

    /**
     * Reads whole datagrams of up to {@code maxDatagram} bytes (no truncation at Netty's 2 KiB default); on
     * epoll, {@link #DATAGRAM_BATCH} of them per {@code recvmmsg} call into one pooled buffer, sliced per
     * datagram.
     */
    void datagramReads(Bootstrap udp, int maxDatagram) {
        if (this == EPOLL && DATAGRAM_BATCH > 1) {
            udp.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
            udp.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagram * DATAGRAM_BATCH));
        } else {
            udp.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagram));
        }
    }

    public IoHandlerFactory handlerFactory() {
        switch (this) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    ChannelFactory<ServerSocketChannel> serverChannel(InetAddress address) {
        SocketProtocolFamily family = family(address);
        switch (this) {
            case EPOLL:
                return () -> new EpollServerSocketChannel(family);
            case IO_URING:
                return IoUringServerSocketChannel::new;
            default:
                return () -> new NioServerSocketChannel(SelectorProvider.provider(), family);
        }
    }

    public ChannelFactory<DatagramChannel> datagramChannel(InetAddress address) {
        SocketProtocolFamily family = family(address);
        switch (this) {
            case EPOLL:
                return () -> new EpollDatagramChannel(family);
            case IO_URING:
                return () -> new IoUringDatagramChannel(family);
            default:
                return () -> new NioDatagramChannel(SelectorProvider.provider(), family);
        }
    }

    /** Client TCP channels to {@code target}'s family. */
    public ChannelFactory<SocketChannel> socketChannel(InetAddress target) {
        SocketProtocolFamily family = family(target);
        switch (this) {
            case EPOLL:
                return () -> new EpollSocketChannel(family);
            case IO_URING:
                return IoUringSocketChannel::new;
            default:
                return () -> new NioSocketChannel(SelectorProvider.provider(), family);
        }
    }

    /** {@code epoll}, {@code io_uring} or {@code nio}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static SocketProtocolFamily family(InetAddress address) {
        return AddressResolver.isIpv4(address) ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
    }
}
