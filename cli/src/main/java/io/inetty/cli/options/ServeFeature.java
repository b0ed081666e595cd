package io.inetty.cli.options;

import io.inetty.server.Inetty;
import java.util.List;

/**
 * One group of {@code serve} options, a picocli mixin that configures its part of the server. A new feature
 * (faults, relay, admin, TLS, PROXY, socket activation) is one more such mixin: a field in {@code ServeCommand}
 * and one entry in its list of features.
 */
public interface ServeFeature {
    /** Adds this feature's settings to {@code builder}; a configuration mistake is a usage error naming its source. */
    void configure(Inetty.Builder builder, Sources sources);

    /** What SIGHUP reloads for this feature, once configured (default: nothing). */
    default List<Reloadable> reloadables() {
        return List.of();
    }
}
