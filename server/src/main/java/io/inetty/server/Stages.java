package io.inetty.server;

/** Names of every pipeline stage, server's and services', kept in one place. */
public final class Stages {
    /** Tracks accepted connections and drains them at shutdown (server, first stage). */
    public static final String TRACKER = "tracker";
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
