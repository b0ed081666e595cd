package io.inetty.server;

import java.util.Locale;

/** Why a connection ended or was refused, as counted and written in the access log. */
public enum CloseReason {
    /** The service finished (qotd, daytime, time) or the connection ended normally from our side. */
    DONE,
    /** The peer closed or half-closed its side. */
    CLIENT_CLOSED,
    /** No traffic for the idle timeout. */
    IDLE,
    /** Refused at accept: total connection limit. */
    MAX_CONNECTIONS,
    /** Refused at accept: per-source-address limit. */
    MAX_CONNECTIONS_PER_IP,
    /** Refused at accept: accept rate limit. */
    MAX_ACCEPT_RATE,
    /** Closed after the session duration or byte limit. */
    SESSION_LIMIT,
    /** Refused by access control. */
    DENIED,
    /** The peer broke a framing the server requires (e.g. a missing or malformed PROXY header, a failed TLS handshake). */
    PROTOCOL_ERROR,
    /** Ended by an injected fault. */
    FAULT,
    /** Closed by the server's stop. */
    SHUTDOWN,
    /** An I/O error, e.g. a reset by the peer. */
    ERROR;

    /** The lower-case, dash-separated label used in logs ({@code client-closed}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
