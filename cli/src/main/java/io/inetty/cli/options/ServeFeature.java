package io.inetty.cli.options;

import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import java.util.List;

/**
 * One group of {@code serve} options, a picocli mixin that configures its part of the server and, if it serves
 * something beside it (the admin endpoint), starts and stops that with the server. A new feature (faults, relay,
 * admin, TLS, PROXY, socket activation) is one more such mixin: a field in {@code ServeCommand} and one entry in its
 * list of features.
 */
public interface ServeFeature {
    /** Adds this feature's settings to {@code builder}; a configuration mistake is a usage error naming its source. */
    void configure(Inetty.Builder builder, Sources sources);

    /**
     * Starts what this feature serves beside the running server (e.g. the admin endpoint), before {@code ready};
     * returns the {@code listening ...} lines it adds to standard output (default: nothing). A failure stops the
     * server (an {@code InettyException} is exit 3).
     */
    default List<String> start(InettyServer server) {
        return List.of();
    }

    /** A stop was asked (a signal): report not-ready at once, before any shutdown delay (default: nothing). */
    default void stopping() {
    }

    /** The server has stopped (its drain is over): close what {@link #start} opened (default: nothing). */
    default void stopped() {
    }

    /** What SIGHUP reloads for this feature, once configured (default: nothing). */
    default List<Reloadable> reloadables() {
        return List.of();
    }
}
