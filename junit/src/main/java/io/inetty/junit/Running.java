package io.inetty.junit;

import io.inetty.faults.Faults;
import io.inetty.server.InettyServer;
import io.inetty.server.ServerConfig;

/** A started server, its fault engine and its addresses. */
record Running(InettyServer server, Faults faults, InettyEndpoints endpoints) {
    static Running start(ServerConfig config) {
        InettyServer server = InettyServer.start(config);
        return new Running(server, Faults.of(server), new InettyEndpoints(server));
    }
}
