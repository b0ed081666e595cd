package io.inetty.junit;

import io.inetty.faults.Faults;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.ServerConfig;
import io.inetty.server.Service;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import io.inetty.tls.Tls;
import io.inetty.tls.TlsOptions;
import java.util.List;
import java.util.function.Consumer;

/** A started server, its fault engine, its TLS contributor (or null) and its addresses. */
record Running(InettyServer server, Faults faults, Tls tls, InettyEndpoints endpoints) {
    /** Event-loop threads of an extension-managed server unless {@code configure(b -> b.threads(n))} says otherwise. */
    static final int DEFAULT_THREADS = 1;

    /**
     * The configuration of an extension-managed server: one thread, a fault engine, the user's settings, then the
     * services on port 0 (and over TLS with {@code tls}, if not null); any binding on a fixed port is refused.
     */
    static ServerConfig config(List<Service> services, List<Consumer<Inetty.Builder>> settings, Tls tls) {
        Inetty.Builder builder = Inetty.builder().threads(DEFAULT_THREADS).pipeline(Faults.create());
        settings.forEach(s -> s.accept(builder));
        services.forEach(s -> builder.service(s, 0));
        if (tls != null) {
            builder.pipeline(tls);
            services.stream().filter(s -> s.transports().contains(Transport.TCP))
                    .forEach(s -> builder.binding(TlsOptions.binding(s, 0)));
        }
        ServerConfig config = builder.config();
        for (ServiceBinding b : config.bindings()) {
            if (b.port() != 0) {
                throw new IllegalArgumentException("configure: " + b + " (expected: port 0; the extension's ports are"
                        + " ephemeral, read them from InettyEndpoints)");
            }
        }
        return config;
    }

    static Running start(ServerConfig config) {
        InettyServer server = InettyServer.start(config);
        Tls tls = config.contributors().stream().filter(Tls.class::isInstance).map(Tls.class::cast).findFirst()
                .orElse(null);
        return new Running(server, Faults.of(server), tls, new InettyEndpoints(server));
    }
}
