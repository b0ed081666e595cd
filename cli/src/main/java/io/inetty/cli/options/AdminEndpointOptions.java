package io.inetty.cli.options;

import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.InheritedSockets;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --admin HOST:PORT} (off by default; port 0 = ephemeral) and {@code --admin-token-file FILE}: the admin HTTP
 * endpoint (health, metrics, faults, the Toxiproxy-compatible API), or on a socket a service manager passed
 * ({@link #inherit}). Nothing of the admin module is loaded unless it is on: its classes are reached only through
 * {@link AdminLauncher}.
 */
public final class AdminEndpointOptions implements ServeFeature {
    @Option(names = "--admin", paramLabel = "HOST:PORT") String address;
    @Option(names = "--admin-token-file", paramLabel = "FILE") Path tokenFile;

    private AdminLauncher launcher;
    private InheritedSockets inherited;

    /** Serves the admin endpoint on these sockets, passed by a service manager, instead of {@code --admin}'s address. */
    public void inherit(InheritedSockets sockets) {
        this.inherited = sockets;
    }

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        if (inherited != null) {
            sources.given("--admin").ifPresent(given -> LoggerFactory.getLogger("inetty").warn(
                    "{} ignored: the admin socket passed by LISTEN_FDS is served", given));
            launcher = AdminLauncher.configure(inherited, tokenFile, sources);
            return;
        }
        if (address == null) {
            if (tokenFile != null) {
                throw sources.usage(sources.of("--admin-token-file") + ": given without " + sources.of("--admin")
                        + " (expected: --admin HOST:PORT as well)");
            }
            return;
        }
        launcher = AdminLauncher.configure(address, tokenFile, sources);
    }

    @Override
    public List<String> start(InettyServer server) {
        return launcher == null ? List.of() : launcher.start(server);
    }

    @Override
    public void stopping() {
        if (launcher != null) {
            launcher.notReady();
        }
    }

    @Override
    public void stopped() {
        if (launcher != null) {
            launcher.close();
        }
    }
}
