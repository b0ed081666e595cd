package io.inetty.server;

import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sockets another process opened and bound (a service manager: systemd's socket activation, inetd), passed to
 * this one as file descriptors: a binding with {@link BindingOptions#SOCKETS} serves them instead of binding
 * sockets of its own; its port is read from them. TCP: listening stream sockets; UDP: bound datagram sockets;
 * IPv4 or IPv6. Needs the epoll transport (Netty's channels that wrap a file descriptor). Immutable.
 */
public final class InheritedSockets {
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private final int[] fds;

    private InheritedSockets(int[] fds) {
        this.fds = fds;
    }

    /** The sockets with these file descriptor numbers (at least one, each {@code >= 0}, no duplicate). */
    public static InheritedSockets of(int... fds) {
        if (fds.length == 0 || Arrays.stream(fds).anyMatch(fd -> fd < 0) || Arrays.stream(fds).distinct().count() < fds.length) {
            throw new IllegalArgumentException("sockets: " + Arrays.toString(fds)
                    + " (expected: one or more distinct file descriptors >= 0)");
        }
        return new InheritedSockets(fds.clone());
    }

    /** The file descriptor numbers, in the order given. */
    public List<Integer> fds() {
        return Arrays.stream(fds).boxed().toList();
    }

    /**
     * The transport of the socket with file descriptor {@code fd}, read from the socket ({@code SO_TYPE}): TCP for
     * a listening stream socket, UDP for a datagram socket. Throws {@code IllegalArgumentException} for anything
     * else (not a socket, not IPv4/IPv6, a stream socket that does not listen), and {@link BindFailureException}
     * when the epoll transport, which reads it, cannot run here.
     */
    public static Transport transportOf(int fd) {
        if (!Epoll.isAvailable()) {
            throw BindFailureException.transportUnavailable("epoll", Epoll.unavailabilityCause());
        }
        Socket socket;
        try {
            socket = new Socket(fd); // a view of the descriptor: never closed here
            int domain = socket.getIntOpt(SOL_SOCKET, SO_DOMAIN);
            if (domain != AF_INET && domain != AF_INET6) {
                throw notUsable(fd, "not an IPv4 or IPv6 socket");
            }
            int type = socket.getIntOpt(SOL_SOCKET, SO_TYPE);
            if (type == SOCK_DGRAM) {
                return Transport.UDP;
            }
            if (type != SOCK_STREAM) {
                throw notUsable(fd, "neither a stream nor a datagram socket");
            }
            if (socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) == 0) {
                throw notUsable(fd, "a stream socket that does not listen");
            }
            return Transport.TCP;
        } catch (ChannelException | IOException e) {
            throw notUsable(fd, "not an open socket: " + e.getMessage());
        }
    }

    /**
     * The address the socket with file descriptor {@code fd} is bound to, read from it; throws
     * {@code IllegalArgumentException} if it is not an open IPv4 or IPv6 socket (see {@link #transportOf}).
     */
    public static InetSocketAddress addressOf(int fd) {
        transportOf(fd);
        return new Socket(fd).localAddress();
    }

    /** Checks that every socket is of {@code binding}'s transport. */
    void check(ServiceBinding binding) {
        for (int fd : fds) {
            Transport actual = transportOf(fd);
            if (actual != binding.transport()) {
                throw new IllegalArgumentException("sockets: fd " + fd + " of " + binding.service().name() + "/"
                        + binding.label() + " is a " + actual.label() + " socket (expected: " + binding.transport().label() + ")");
            }
        }
    }

    private static IllegalArgumentException notUsable(int fd, String why) {
        return new IllegalArgumentException("sockets: fd " + fd + " is " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InheritedSockets && Arrays.equals(((InheritedSockets) o).fds, fds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fds);
    }

    /** {@code fd 3, fd 4}. */
    @Override
    public String toString() {
        return Arrays.stream(fds).mapToObj(fd -> "fd " + fd).collect(Collectors.joining(", "));
    }
}
