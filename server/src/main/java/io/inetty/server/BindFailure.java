package io.inetty.server;

import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Classifies a failed bind by the system's error and turns it into a {@link BindFailureException} with a hint. */
final class BindFailure {
    // Linux errno values (asm-generic/errno-base.h, errno.h); the native transports report -errno.
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    /** What each errno a bind fails with means. */
    private static final Map<Integer, BindFailureException.Kind> BY_ERRNO = Map.of(
            EADDRINUSE, BindFailureException.Kind.ADDRESS_IN_USE,
            EADDRNOTAVAIL, BindFailureException.Kind.ADDRESS_NOT_AVAILABLE,
            EACCES, BindFailureException.Kind.PERMISSION,
            EPERM, BindFailureException.Kind.PERMISSION);
    /** Bit of CAP_NET_BIND_SERVICE in /proc/self/status CapEff. */
    private static final int CAP_NET_BIND_SERVICE = 10;

    private BindFailure() {
    }

    static BindFailureException of(String service, Transport transport, InetSocketAddress address, Throwable cause) {
        BindFailureException.Kind kind = kind(address, cause);
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Native messages look like "bind(..) failed with error(-98): Address already in use": keep the errno text.
        int colon = reason.lastIndexOf("): ");
        if (cause instanceof Errors.NativeIoException && colon > 0) {
            reason = reason.substring(colon + 3);
        }
        String text = "cannot bind " + service + "/" + transport.label() + " to " + Endpoint.format(address) + ": "
                + reason + hint(kind, address);
        return new BindFailureException(kind, service, transport, address, text, cause);
    }

    /** The kind of failure: the errno of a native transport; for the JDK's {@link BindException}, the host's state. */
    static BindFailureException.Kind kind(InetSocketAddress address, Throwable cause) {
        if (cause instanceof Errors.NativeIoException) {
            int errno = -((Errors.NativeIoException) cause).expectedErr();
            return BY_ERRNO.getOrDefault(errno, BindFailureException.Kind.OTHER);
        }
        if (cause instanceof BindException) {
            // The JDK maps EADDRINUSE, EADDRNOTAVAIL and EACCES all to BindException, without the errno.
            if (!isLocal(address.getAddress())) {
                return BindFailureException.Kind.ADDRESS_NOT_AVAILABLE;
            }
            if (address.getPort() != 0 && address.getPort() < unprivilegedPortStart() && !canBindLowPorts()) {
                return BindFailureException.Kind.PERMISSION;
            }
            return BindFailureException.Kind.ADDRESS_IN_USE;
        }
        return BindFailureException.Kind.OTHER;
    }

    private static String hint(BindFailureException.Kind kind, InetSocketAddress address) {
        switch (kind) {
            case ADDRESS_IN_USE:
                return " (another process serves this port: stop it, or choose another port or a port offset)";
            case PERMISSION:
                return address.getPort() < 1024
                        ? " (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability: use a port offset,"
                                + " e.g. 10000, or grant the capability)"
                        : " (permission denied by the system)";
            case ADDRESS_NOT_AVAILABLE:
                return " (this address is not configured on any interface of this host)";
            default:
                return "";
        }
    }

    private static boolean isLocal(InetAddress ip) {
        if (ip.isAnyLocalAddress() || ip.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(ip) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    private static int unprivilegedPortStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).strip());
        } catch (IOException | NumberFormatException e) {
            return 1024;
        }
    }

    private static boolean canBindLowPorts() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    return (caps >>> CAP_NET_BIND_SERVICE & 1) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: assume no capability
        }
        return false;
    }
}
