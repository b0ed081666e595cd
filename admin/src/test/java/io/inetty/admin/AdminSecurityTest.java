package io.inetty.admin;

import static io.inetty.admin.TestServers.body;
import static io.netty.handler.codec.http.HttpHeaderNames.AUTHORIZATION;
import static io.netty.handler.codec.http.HttpHeaderNames.USER_AGENT;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.InettyServer;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, browsers, body and header limits, garbage, slow clients and pipelining, on the admin's real pipeline. */
class AdminSecurityTest {
    static InettyServer server;
    static AdminServer open;
    static AdminServer guarded;

    @BeforeAll
    static void start() {
        server = TestServers.echoAndChargen();
        open = TestServers.unbound(server, AdminOptions.builder().requestTimeout(java.time.Duration.ofSeconds(2)).build());
        guarded = TestServers.unbound(server, AdminOptions.builder().token("s3cret").build());
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
        server.close();
    }

    static int status(AdminServer admin, FullHttpRequest request) {
        try (AdminChannel ch = new AdminChannel(admin)) {
            FullHttpResponse r = ch.exchange(request);
            int code = r.status().code();
            r.release();
            return code;
        }
    }

    /** The status of {@code method uri} with one header set (none if {@code header} is null). */
    static int status(AdminServer admin, HttpMethod method, String uri, CharSequence header, String value) {
        FullHttpRequest request = AdminChannel.request(method, uri, null);
        if (header != null) {
            request.headers().set(header, value);
        }
        return status(admin, request);
    }

    /** Sends {@code raw} on a fresh connection: one response must come and the connection close; its status and body. */
    static String refused(String raw) {
        try (AdminChannel ch = new AdminChannel(open)) {
            ch.raw(raw);
            List<FullHttpResponse> r = ch.responses();
            assertThat(r).hasSize(1);
            String answer = r.get(0).status().code() + " " + body(r.get(0));
            r.forEach(FullHttpResponse::release);
            assertThat(ch.server.isOpen()).isFalse();
            return answer;
        }
    }

    @Test
    void aTokenIsRequiredButNotForHealthChecks() {
        FullHttpRequest none = AdminChannel.request(GET, "/metrics", null);
        try (AdminChannel ch = new AdminChannel(guarded)) {
            FullHttpResponse r = ch.exchange(none);
            assertThat(r.status().code()).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"inetty\"");
            assertThat(body(r)).contains("unauthorized");
            r.release();
        }
        assertThat(status(guarded, GET, "/proxies", AUTHORIZATION, "Bearer s3cre")).isEqualTo(401);
        assertThat(status(guarded, GET, "/proxies", AUTHORIZATION, "Basic czNjcmV0")).isEqualTo(401);
        assertThat(status(guarded, GET, "/proxies", AUTHORIZATION, "bearer s3cret")).isEqualTo(200);
        assertThat(status(guarded, GET, "/nope", null, null)).as("no path is revealed without the token").isEqualTo(401);
        assertThat(status(guarded, GET, "/livez", null, null)).isEqualTo(200);
        assertThat(status(guarded, GET, "/readyz", null, null)).isEqualTo(200);
    }

    @Test
    void aBrowserMayReadButNotChange() {
        String browser = "Mozilla/5.0 (X11; Linux x86_64)";
        assertThat(status(open, GET, "/proxies", USER_AGENT, browser)).isEqualTo(200);
        assertThat(status(open, POST, "/reset", USER_AGENT, browser)).isEqualTo(403);
    }

    @Test
    void aBodyOver64KiBIs413AndTheConnectionCloses() {
        try (AdminChannel ch = new AdminChannel(open)) {
            FullHttpResponse r = ch.exchange(POST, "/proxies", "x".repeat(64 * 1024 + 1));
            assertThat(r.status().code()).isEqualTo(413);
            assertThat(body(r)).contains("\"status\":413");
            r.release();
            assertThat(ch.server.isOpen()).isFalse();
        }
        try (AdminChannel ch = new AdminChannel(open)) {
            ch.raw("POST /proxies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 70 && ch.server.isOpen(); i++) {
                ch.raw("400\r\n" + "y".repeat(1024) + "\r\n");
            }
            List<FullHttpResponse> r = ch.responses();
            assertThat(r).hasSize(1);
            assertThat(r.get(0).status().code()).isEqualTo(413);
            r.forEach(FullHttpResponse::release);
            assertThat(ch.server.isOpen()).isFalse();
        }
        try (AdminChannel ch = new AdminChannel(open)) {
            FullHttpResponse ok = ch.exchange(POST, "/populate", "[" + " ".repeat(64 * 1024 - 2) + "]");
            assertThat(ok.status().code()).as("exactly 64 KiB is allowed").isEqualTo(201);
            ok.release();
        }
    }

    @Test
    void garbageIs400AndTheConnectionCloses() {
        assertThat(refused("\u0001\u0002garbage \u00ff\r\n\r\n")).startsWith("400 {\"error\":\"bad request: not HTTP/1.1");
    }

    @Test
    void aLongRequestLineIs414AndLongHeadersAre431() {
        assertThat(refused("GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n")).startsWith("414 ");
        assertThat(refused("GET /livez HTTP/1.1\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n")).startsWith("431 ");
    }

    @Test
    void aSlowOrIdleClientIsClosedAtTheDeadline() {
        try (AdminChannel ch = new AdminChannel(open)) {
            ch.raw("GET /livez HTTP/1.1\r\nHost:");
            ch.ticker.advance(1900, TimeUnit.MILLISECONDS);
            ch.server.runPendingTasks();
            assertThat(ch.server.isOpen()).isTrue();
            ch.raw(" x\r\n");
            ch.ticker.advance(200, TimeUnit.MILLISECONDS);
            ch.server.runPendingTasks();
            assertThat(ch.server.isOpen()).as("a request must be complete within the timeout").isFalse();
        }
        try (AdminChannel ch = new AdminChannel(open)) {
            FullHttpResponse r = ch.exchange(GET, "/livez", null);
            r.release();
            ch.ticker.advance(1900, TimeUnit.MILLISECONDS);
            ch.server.runPendingTasks();
            assertThat(ch.server.isOpen()).isTrue();
            ch.ticker.advance(200, TimeUnit.MILLISECONDS);
            ch.server.runPendingTasks();
            assertThat(ch.server.isOpen()).as("an idle keep-alive connection is closed").isFalse();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        try (AdminChannel ch = new AdminChannel(open)) {
            ch.raw("GET /livez HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\nGET /readyz HTTP/1.1\r\n\r\n");
            List<FullHttpResponse> r = ch.responses();
            assertThat(r).extracting(x -> x.status().code()).containsExactly(200, 404, 200);
            r.forEach(FullHttpResponse::release);
            assertThat(ch.server.isOpen()).isTrue();
        }
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> AdminOptions.builder().token(" ")).hasMessage(
                "token: empty (expected: printable ASCII without spaces)");
        assertThatThrownBy(() -> AdminOptions.builder().token("a b")).hasMessageStartingWith("token: has spaces");
        assertThatThrownBy(() -> AdminOptions.builder().address("127.0.0.1", 70000)).hasMessage(
                "port: 70000 (expected: 0 to 65535)");
        assertThatThrownBy(() -> AdminServer.start(server, AdminOptions.builder().address("0.0.0.0", 0).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("token: none for the non-loopback admin address 0.0.0.0");
        assertThat(AdminOptions.builder().address("[::1]", 0).build().loopback()).isTrue();
    }
}
