package io.inetty.junit;

import io.inetty.faults.Faults;
import io.inetty.server.InettyServer;
import io.inetty.server.ServerConfig;
import io.inetty.tls.Tls;

/** A started server, its fault engine, its TLS contributor (or null) and its addresses. */
record Running(InettyServer server, Faults faults, Tls tls, InettyEndpoints endpoints) {
    static Running start(ServerConfig config) {
        InettyServer server = InettyServer.start(config);
        Tls tls = config.contributors().stream().filter(Tls.class::isInstance).map(Tls.class::cast).findFirst()
                .orElse(null);
        return new Running(server, Faults.of(server), tls, new InettyEndpoints(server));
    }
}
