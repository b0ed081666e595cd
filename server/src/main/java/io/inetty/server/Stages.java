package io.inetty.server;

/**
 * The names of every pipeline stage, in one place, namespaced {@code inetty.}, and their order.
 *
 * <pre>
 * TCP connection:  proxy → tls → idle → connection → faults → &lt;service stages&gt; → errors
 * UDP socket:      proxy → guard → faults → &lt;service stages&gt; → errors
 * </pre>
 *
 * <p>The server adds {@link #IDLE} (only with an idle timeout), {@link #CONNECTION}, {@link #GUARD} and
 * {@link #ERRORS}; a {@link PipelineContributor} fills one of the {@link Slot}s ({@link #PROXY}, {@link #TLS},
 * {@link #FAULTS}); the service appends its own stages (conventionally {@link #HANDLER}). A slot's stages are
 * named with the slot's name, or start with it and a dot (e.g. {@code inetty.proxy.decoder}).
 */
public final class Stages {
    /** PROXY protocol header decoder (a contributor, first stage). */
    public static final String PROXY = "inetty.proxy";
    /** TLS (a contributor; after the PROXY header, before everything that reads plain bytes). */
    public static final String TLS = "inetty.tls";
    /** Closes idle connections (server, only with an idle timeout). */
    public static final String IDLE = "inetty.idle";
    /** Admits, tracks, counts, limits, drains and logs one connection (server, TCP). */
    public static final String CONNECTION = "inetty.connection";
    /** Access control, amplification guard and counters of one UDP socket (server). */
    public static final String GUARD = "inetty.guard";
    /** Fault injection (a contributor, just before the service). */
    public static final String FAULTS = "inetty.faults";
    /** A service's protocol handler (echo, discard, chargen, qotd, daytime, time, ...). */
    public static final String HANDLER = "inetty.handler";
    /** Logs and closes on errors (server, last stage). */
    public static final String ERRORS = "inetty.errors";

    /** The places a {@link PipelineContributor} fills, in pipeline order. */
    public enum Slot {
        /** Before everything: the PROXY protocol header. */
        PROXY(Stages.PROXY),
        /** After the PROXY header, before the server's TCP stages. Not on UDP. */
        TLS(Stages.TLS),
        /** After the server's stages, just before the service's. */
        FAULTS(Stages.FAULTS);

        private final String stageName;

        Slot(String stageName) {
            this.stageName = stageName;
        }

        /** The stage name of this slot (and the prefix of any further stage it adds). */
        public String stageName() {
            return stageName;
        }
    }

    private Stages() {
    }
}
