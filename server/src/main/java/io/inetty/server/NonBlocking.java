package io.inetty.server;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts an inherited socket in non-blocking mode, as an event loop needs: an activator may pass blocking sockets
 * ({@code systemd-socket-activate} does), and a blocking {@code recvmmsg} or {@code accept} would stall the loop.
 * Netty's native library exposes no {@code fcntl}, but sets {@code O_NONBLOCK} on every descriptor it receives
 * over {@code SCM_RIGHTS}; that flag belongs to the open file description, which the received and the original
 * descriptor share. So the socket travels once through a private AF_UNIX datagram pair, and the copy is closed.
 */
final class NonBlocking {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private NonBlocking() {
    }

    /** Makes {@code fd} non-blocking (its number and everything else unchanged); throws on failure. */
    static void set(int fd) throws IOException {
        // An abstract-namespace name (leading NUL): no file, gone with the sockets.
        DomainSocketAddress name = new DomainSocketAddress("\0inetty-nonblocking-" + ProcessHandle.current().pid()
                + "-" + SEQUENCE.incrementAndGet());
        Socket receiver = Socket.newSocketDomainDgram();
        try {
            Socket sender = Socket.newSocketDomainDgram();
            try {
                receiver.bind(name);
                sender.connect(name);
                if (sender.sendFd(fd) <= 0) {
                    throw new IOException("could not pass fd " + fd + " to itself");
                }
                int copy = receiver.recvFd(); // delivered synchronously: AF_UNIX datagrams are queued by the send
                if (copy <= 0) {
                    throw new IOException("fd " + fd + " did not arrive");
                }
                new FileDescriptor(copy).close();
            } finally {
                sender.close();
            }
        } finally {
            receiver.close();
        }
    }
}
