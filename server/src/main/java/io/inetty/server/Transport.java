package io.inetty.server;

import java.util.Locale;

/** The layer-4 transport a service endpoint speaks: TCP or UDP. */
public enum Transport {
    TCP,
    UDP;

    /** The lower-case name used in output and service specs ({@code tcp}, {@code udp}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
