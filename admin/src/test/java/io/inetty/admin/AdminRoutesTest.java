package io.inetty.admin;

import static io.inetty.admin.TestServers.body;
import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.OPTIONS;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, endpoints, metrics, version and the routing errors, on the admin's real pipeline (embedded channel). */
class AdminRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static InettyServer server;
    static AdminServer admin;

    @BeforeAll
    static void start() {
        server = TestServers.echoAndChargen();
        admin = TestServers.unbound(server, AdminOptions.builder().version("9.9.9").build());
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    static JsonNode json(FullHttpResponse r) throws Exception {
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        return JSON.readTree(body(r));
    }

    FullHttpResponse call(HttpMethod method, String uri) {
        try (AdminChannel ch = new AdminChannel(admin)) {
            FullHttpResponse r = ch.exchange(method, uri, null);
            assertThat(r).as("a response to %s %s", method, uri).isNotNull();
            return r;
        }
    }

    @Test
    void livezAnswersOkAndHeadHasTheLengthWithoutTheBody() {
        FullHttpResponse r = call(GET, "/livez");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("ok\n");
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        r.release();
        FullHttpResponse head = call(HEAD, "/livez");
        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(3);
        assertThat(head.content().readableBytes()).isZero();
        head.release();
    }

    @Test
    void readyzFollowsReadinessAndTheStop() {
        AdminServer other = TestServers.unbound(server, AdminOptions.builder().build());
        try (AdminChannel ch = new AdminChannel(other)) {
            FullHttpResponse r = ch.exchange(GET, "/readyz", null);
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(body(r)).isEqualTo("ready\n");
            r.release();
            other.ready(false);
            r = ch.exchange(GET, "/readyz", null);
            assertThat(r.status().code()).isEqualTo(503);
            assertThat(body(r)).isEqualTo("not ready\n");
            r.release();
            other.ready(true);
            other.stop();
            r = ch.exchange(GET, "/readyz", null);
            assertThat(r.status().code()).isEqualTo(503);
            assertThat(body(r)).isEqualTo("draining\n");
            r.release();
        } finally {
            other.close();
        }
    }

    @Test
    void endpointsListWhatIsBound() throws Exception {
        FullHttpResponse r = call(GET, "/endpoints");
        JsonNode list = json(r);
        r.release();
        assertThat(list.size()).isEqualTo(4);
        JsonNode first = list.get(0);
        assertThat(first.get("service").asText()).isEqualTo("echo");
        assertThat(first.get("transport").asText()).isEqualTo("tcp");
        assertThat(first.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("port").asInt()).isEqualTo(server.port("echo", Transport.TCP));
        assertThat(first.has("label")).isFalse();
    }

    @Test
    void versionIsToxiproxysShape() throws Exception {
        FullHttpResponse r = call(GET, "/version");
        assertThat(json(r).get("version").asText()).isEqualTo("9.9.9");
        r.release();
    }

    @Test
    void metricsArePrometheusTextByDefaultAndOpenMetricsWhenAsked() {
        FullHttpResponse r = call(GET, "/metrics");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/plain; version=0.0.4");
        String text = body(r);
        r.release();
        assertThat(text).contains("inetty_connections_accepted_total{service=\"echo\",transport=\"tcp\"} 0",
                "inetty_connections_closed_total{reason=\"client-closed\",service=\"echo\",transport=\"tcp\"} 0",
                "inetty_datagrams_dropped_total{reason=\"queue_full\",service=\"chargen\",transport=\"udp\"} 0",
                "# TYPE inetty_received_bytes_total counter", "# TYPE inetty_connections_open gauge",
                "jvm_memory_used_bytes", "process_cpu_seconds_total");
        try (AdminChannel ch = new AdminChannel(admin)) {
            var request = AdminChannel.request(GET, "/metrics", null);
            request.headers().set(HttpHeaderNames.ACCEPT, "application/openmetrics-text; version=1.0.0; charset=utf-8");
            FullHttpResponse om = ch.exchange(request);
            assertThat(om.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/openmetrics-text");
            assertThat(body(om)).contains("# UNIT inetty_received_bytes bytes").endsWith("# EOF\n");
            om.release();
        }
    }

    @Test
    void unknownPathIs404WithToxiproxysErrorBody() throws Exception {
        FullHttpResponse r = call(GET, "/nope");
        assertThat(r.status().code()).isEqualTo(404);
        JsonNode error = json(r);
        r.release();
        assertThat(error.get("status").asInt()).isEqualTo(404);
        assertThat(error.get("error").asText()).isEqualTo("not found: /nope");
        assertThat(call(GET, "/proxies/").status().code()).isEqualTo(404);
        assertThat(call(GET, "/livez/extra").status().code()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllowAndNoCorsHeaders() {
        FullHttpResponse r = call(DELETE, "/metrics");
        assertThat(r.status().code()).isEqualTo(405);
        assertThat(r.headers().get("Allow")).isEqualTo("GET, HEAD");
        r.release();
        FullHttpResponse preflight = call(OPTIONS, "/proxies");
        assertThat(preflight.status().code()).isEqualTo(405);
        assertThat(preflight.headers().get("Allow")).isEqualTo("GET, POST, HEAD");
        assertThat(preflight.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control-"));
        preflight.release();
        FullHttpResponse post = call(POST, "/livez");
        assertThat(post.status().code()).isEqualTo(405);
        post.release();
    }

    @Test
    void aQueryStringIsIgnoredAndEscapesAreDecoded() {
        assertThat(call(GET, "/livez?verbose=1").status().code()).isEqualTo(200);
        FullHttpResponse r = call(GET, "/proxies/no%20such");
        assertThat(body(r)).contains("proxy not found: no such");
        r.release();
        FullHttpResponse plus = call(GET, "/proxies/a+b");
        assertThat(body(plus)).as("a plus in a path is a plus").contains("proxy not found: a+b");
        plus.release();
    }
}
