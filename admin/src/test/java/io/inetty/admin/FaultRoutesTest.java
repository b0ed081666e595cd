package io.inetty.admin;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inetty.faults.Fault;
import io.inetty.faults.Faults;
import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /services/{service}/{tcp|udp}/faults}: the fault engine over HTTP, in toxics' JSON, with every refusal. */
class FaultRoutesTest extends AdminFixture {
    Faults faults;

    @BeforeEach
    void start() {
        faults = Faults.of(server);
    }

    @Test
    void addShowUpdateRemoveAFaultAsAToxic() throws Exception {
        Reply added = call(POST, "/services/echo/tcp/faults",
                "{\"type\": \"latency\", \"attributes\": {\"latency\": 200, \"jitter\": 20}}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.text()).isEqualTo("{\"attributes\":{\"latency\":200,\"jitter\":20},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1.0}");
        assertThat(faults.faults("echo", Transport.TCP).list())
                .containsExactly(Fault.latency(Duration.ofMillis(200)).withJitter(Duration.ofMillis(20)));

        Reply list = call(GET, "/services/echo/tcp/faults", null);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(call(GET, "/services/echo/tcp/faults/latency_downstream", null).json())
                .isEqualTo(added.json());

        Reply updated = call(PATCH, "/services/echo/tcp/faults/latency_downstream",
                "{\"attributes\": {\"latency\": 50}, \"toxicity\": 0.5}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("attributes").get("latency").asLong()).isEqualTo(50);
        assertThat(updated.json().get("attributes").get("jitter").asLong()).isEqualTo(20);
        assertThat(updated.json().get("toxicity").asDouble()).isEqualTo(0.5);
        assertThat(faults.faults("echo", Transport.TCP).get("latency_downstream").orElseThrow().toxicity())
                .isEqualTo(0.5);

        assertThat(call(DELETE, "/services/echo/tcp/faults/latency_downstream", null).status()).isEqualTo(204);
        assertThat(faults.faults("echo", Transport.TCP).isEmpty()).isTrue();
        Reply gone = call(DELETE, "/services/echo/tcp/faults/latency_downstream", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isEqualTo("toxic not found: latency_downstream");
    }

    @Test
    void udpFaultsWithTargetingAndSeedRoundTrip() throws Exception {
        Reply added = call(POST, "/services/echo/udp/faults", "{\"name\": \"drop\", \"type\": \"loss\", \"stream\":"
                + " \"upstream\", \"attributes\": {\"probability\": 0.3}, \"from\": \"127.0.0.0/8\", \"first\": 10,"
                + " \"every\": 2, \"seed\": 42}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode f = added.json();
        assertThat(f.get("name").asText()).isEqualTo("drop");
        assertThat(f.get("stream").asText()).isEqualTo("upstream");
        assertThat(f.get("from").asText()).isEqualTo("127.0.0.0/8");
        assertThat(f.get("first").asLong()).isEqualTo(10);
        assertThat(f.get("every").asLong()).isEqualTo(2);
        assertThat(f.get("seed").asLong()).isEqualTo(42);
        Fault engine = faults.faults("echo", Transport.UDP).get("drop").orElseThrow();
        assertThat(engine.seed().getAsLong()).isEqualTo(42);
        Reply cleared = call(PATCH, "/services/echo/udp/faults/drop", "{\"from\": null}");
        assertThat(cleared.json().has("from")).isFalse();
        assertThat(cleared.json().get("seed").asLong()).isEqualTo(42);
        assertThat(call(DELETE, "/services/echo/udp/faults", null).status()).isEqualTo(204);
        assertThat(faults.faults("echo", Transport.UDP).isEmpty()).isTrue();
    }

    @Test
    void valuesWithUnitsAreAccepted() throws Exception {
        Reply added = call(POST, "/services/chargen/tcp/faults",
                "{\"type\": \"slow_close\", \"attributes\": {\"delay\": \"1.5s\"}}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("attributes").get("delay").asLong()).isEqualTo(1500);
    }

    @Test
    void refusalsNameTheProblem() throws Exception {
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latncy\"}"), 400, "type: 'latncy' (expected:"
                + " one of latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data, loss, duplicate,"
                + " reorder, corrupt, truncate, rate)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\", \"stream\": \"sideways\"}"), 400,
                "stream: 'sideways' (expected: upstream or downstream)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\", \"attributes\": {\"lat\": 1}}"),
                400, "key: 'lat' (expected for latency: latency, jitter, stream, toxicity, name, from, first, every, seed)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\", \"colour\": 1}"), 400,
                "bad request body: unknown field 'colour' in a toxic (expected: attributes, every, first, from, name,"
                        + " seed, stream, toxicity, type)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\", \"toxicity\": 2}"), 400,
                "toxicity: '2.0' (expected: a probability from 0 to 1)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\", \"toxicity\": true}"), 400,
                "toxicity: true (expected: a number or a string)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"attributes\": {}}"), 400, "missing required field: type");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\","), 400, "bad request body: ");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\"} []"), 400, "bad request body: ");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"a\", \"type\": \"b\"}"), 400,
                "bad request body: Duplicate field 'type'");
        assertError(call(POST, "/services/echo/tcp/faults", ""), 400, "bad request body: empty (expected: JSON)");
        assertError(call(POST, "/services/echo/tcp/faults", "[1]"), 400,
                "bad request body: the toxic is an array (expected: an object)");
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"loss\", \"attributes\": {\"probability\": 1}}"),
                400, "type: loss is not a tcp fault (tcp faults: latency, bandwidth, slow_close, timeout, reset_peer,"
                        + " slicer, limit_data)");
        assertError(call(POST, "/services/echo/tcp/faults",
                "{\"type\": \"limit_data\", \"attributes\": {\"bytes\": 100000000000000000000}}"), 400,
                "bytes: 100000000000000000000 (expected: a number below 2^63)");
        assertError(call(GET, "/services/nope/tcp/faults", null), 404, "service not found: nope/tcp");
        assertError(call(GET, "/services/echo/sctp/faults", null), 404, "transport: 'sctp' (expected: tcp or udp)");
        assertThat(call(POST, "/services/echo/tcp/faults", "{\"type\": \"timeout\"}").status()).isEqualTo(200);
        assertError(call(POST, "/services/echo/tcp/faults", "{\"type\": \"timeout\"}"), 409,
                "toxic already exists: timeout_downstream");
        assertError(call(PATCH, "/services/echo/tcp/faults/timeout_downstream", "{\"stream\": \"upstream\"}"), 400,
                "stream: 'upstream' cannot replace 'downstream'");
        assertThat(faults.faults("echo", Transport.TCP).list()).hasSize(1);
    }

    @Test
    void aServerWithoutFaultEngineAnswers501() throws Exception {
        try (InettyServer plain = Inetty.builder().bind("127.0.0.1")
                .service(Services.ECHO, 0).start()) {
            AdminServer a = TestServers.unbound(plain, AdminOptions.builder().build());
            try (AdminChannel ch = new AdminChannel(a)) {
                FullHttpResponse r = ch.exchange(GET, "/services/echo/tcp/faults", null);
                assertThat(r.status().code()).isEqualTo(501);
                r.release();
            } finally {
                a.close();
            }
        }
    }

    static void assertError(Reply r, int status, String messageStart) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).startsWith(messageStart);
    }
}
