package io.inetty.server;

/** The I/O implementation: chosen automatically (epoll, then io_uring, then NIO) or forced. */
public enum IoTransport {
    AUTO,
    EPOLL,
    IO_URING,
    NIO
}
