package io.inetty.faults;

import java.util.Locale;

/**
 * Which way a fault acts, as in Toxiproxy: {@link #UPSTREAM} on what the client sends (requests), {@link #DOWNSTREAM}
 * (the default) on what the service or relay sends back (replies).
 */
public enum Stream {
    /** Client to server: TCP bytes the service reads, UDP datagrams the service receives. */
    UPSTREAM,
    /** Server to client: TCP bytes the service writes, UDP datagrams the service sends. */
    DOWNSTREAM;

    /** {@code upstream} or {@code downstream}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stream called {@code label}; {@code IllegalArgumentException} naming what is allowed otherwise. */
    public static Stream of(String label) {
        for (Stream s : values()) {
            if (s.label().equalsIgnoreCase(label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("stream: '" + label + "' (expected: upstream or downstream)");
    }
}
