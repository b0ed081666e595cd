package io.inetty.server;

/** Names of every pipeline stage, server's and services', kept in one place. */
public final class Stages {
    /** Closes idle connections (server, first TCP stage, only with an idle timeout). */
    public static final String IDLE = "idle";
    /** Tracks, counts, limits, drains and logs one connection (server, TCP). */
    public static final String CONNECTION = "connection";
    /** Access control, amplification guard and counters of one UDP socket (server, first UDP stage). */
    public static final String GUARD = "guard";
    /** Adds the service's own stages (server, removed once run). */
    public static final String SERVICE_INIT = "service-init";
    /** A service's decoder or framer. */
    public static final String DECODER = "decoder";
    /** A service's encoder. */
    public static final String ENCODER = "encoder";
    /** A service's protocol handler (echo, discard, chargen, qotd, daytime, time). */
    public static final String HANDLER = "handler";

    /** Logs and closes on errors (server, last stage). */
    public static final String ERRORS = "errors";

    private Stages() {
    }
}
