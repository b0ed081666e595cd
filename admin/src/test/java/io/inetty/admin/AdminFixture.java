package io.inetty.admin;

import static io.inetty.admin.TestServers.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inetty.server.InettyServer;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh echo-and-chargen server with an unbound admin per test, and JSON calls to it over an embedded channel. */
abstract class AdminFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    InettyServer server;
    AdminServer admin;

    @BeforeEach
    void startServerAndAdmin() {
        server = TestServers.echoAndChargen();
        admin = TestServers.unbound(server, AdminOptions.builder().build());
    }

    @AfterEach
    void stopServerAndAdmin() {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** A response: status, body as JSON (null when empty) and as text. */
    record Reply(int status, JsonNode json, String text) {
    }

    Reply call(HttpMethod method, String uri, String body) throws Exception {
        try (AdminChannel ch = new AdminChannel(admin)) {
            FullHttpResponse r = ch.exchange(method, uri, body);
            String text = body(r);
            int status = r.status().code();
            r.release();
            return new Reply(status, text.isEmpty() ? null : JSON.readTree(text), text);
        }
    }
}
