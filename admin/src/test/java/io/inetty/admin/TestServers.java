package io.inetty.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inetty.faults.Faults;
import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.netty.handler.codec.http.FullHttpResponse;

/** Servers for the admin tests: echo and chargen on 127.0.0.1, ephemeral ports, with a fault engine. */
final class TestServers {
    private TestServers() {
    }

    static InettyServer echoAndChargen() {
        return Inetty.builder().bind("127.0.0.1").threads(2).pipeline(Faults.create())
                .service(Services.ECHO, 0).service(Services.CHARGEN, 0).start();
    }

    /** An admin of {@code server} that is not bound: for embedded channels; worker requests run on the caller. */
    static AdminServer unbound(InettyServer server, AdminOptions options) {
        return new AdminServer(server, options, Runnable::run);
    }

    static String body(FullHttpResponse r) {
        return r.content().toString(UTF_8);
    }
}
