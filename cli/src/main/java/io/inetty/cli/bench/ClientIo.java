package io.inetty.cli.bench;

import io.inetty.server.IoTransport;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;

/** The client's I/O transport: the event-loop handler and the channel factories (Netty 4.2 idioms, as the server's). */
enum ClientIo {
    EPOLL,
    IO_URING,
    NIO;

    /** The requested transport, or the best available for {@code auto}; an unavailable one is an error. */
    static ClientIo select(IoTransport wanted) {
        switch (wanted) {
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("transport: epoll is not available: " + Epoll.unavailabilityCause());
                }
                return EPOLL;
            case IO_URING:
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException("transport: io_uring is not available: "
                            + IoUring.unavailabilityCause());
                }
                return IO_URING;
            case NIO:
                return NIO;
            default:
                return Epoll.isAvailable() ? EPOLL : IoUring.isAvailable() ? IO_URING : NIO;
        }
    }

    IoHandlerFactory handlerFactory() {
        switch (this) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    ChannelFactory<SocketChannel> socketChannel(InetAddress target) {
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

    ChannelFactory<DatagramChannel> datagramChannel(InetAddress target) {
        SocketProtocolFamily family = family(target);
        switch (this) {
            case EPOLL:
                return () -> new EpollDatagramChannel(family);
            case IO_URING:
                return () -> new IoUringDatagramChannel(family);
            default:
                return () -> new NioDatagramChannel(SelectorProvider.provider(), family);
        }
    }

    String label() {
        return this == IO_URING ? "io_uring" : name().toLowerCase(java.util.Locale.ROOT);
    }

    private static SocketProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
    }
}
