package io.inetty.server;

import java.util.Locale;

/** Why a datagram got no answer, as counted. */
public enum DropReason {
    /** Refused by access control. */
    DENIED,
    /** A strict-mode source: port below 1024, broadcast or multicast. */
    STRICT,
    /** The source's reply budget was spent (amplification guard). */
    BUDGET,
    /** The socket's send queue was full. */
    QUEUE_FULL,
    /** Dropped by an injected fault or a feature's stage (e.g. a malformed PROXY header). */
    POLICY;

    /** The lower-case label used in logs and metrics ({@code queue_full}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
