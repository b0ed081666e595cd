package io.inetty.server;

import java.net.InetSocketAddress;

/**
 * A socket could not be made ready: its service, transport, address and port, and the {@link Kind} of
 * failure, read from the operating system's error (the errno of a native transport) or from its state,
 * never from the text of a message. The message is complete and user-facing.
 */
public final class BindFailureException extends InettyException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Another socket holds the address and port ({@code EADDRINUSE}). */
        ADDRESS_IN_USE,
        /** Not allowed, e.g. a port below 1024 without the capability ({@code EACCES}, {@code EPERM}). */
        PERMISSION,
        /** The address is not configured on this host ({@code EADDRNOTAVAIL}). */
        ADDRESS_NOT_AVAILABLE,
        /** A host name that does not resolve. */
        UNRESOLVABLE,
        /** The requested I/O transport cannot run here. */
        TRANSPORT_UNAVAILABLE,
        /** Any other error of the system. */
        OTHER
    }

    private final Kind kind;
    private final String service;
    private final Transport transport;
    private final transient InetSocketAddress address;

    BindFailureException(Kind kind, String service, Transport transport, InetSocketAddress address, String message,
                         Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.service = service;
        this.transport = transport;
        this.address = address;
    }

    static BindFailureException transportUnavailable(String transport, Throwable cause) {
        return new BindFailureException(Kind.TRANSPORT_UNAVAILABLE, null, null, null,
                "transport: " + transport + " is not available: " + cause, cause);
    }

    static BindFailureException unresolvable(String host, Throwable cause) {
        return new BindFailureException(Kind.UNRESOLVABLE, null, null, null,
                "bind: cannot resolve '" + host + "': no such host name", cause);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The service whose socket failed, or null when the failure concerns no one socket (resolution, transport). */
    public String service() {
        return service;
    }

    /** The transport of the socket, or null. */
    public Transport transport() {
        return transport;
    }

    /** The address and port asked for, or null. */
    public InetSocketAddress address() {
        return address;
    }
}
