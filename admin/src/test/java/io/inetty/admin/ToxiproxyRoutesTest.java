package io.inetty.admin;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inetty.faults.Faults;
import io.inetty.server.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Toxiproxy API on relays: shapes, status codes, enable/disable on the same port, toxics, reset, populate. */
class ToxiproxyRoutesTest extends AdminFixture {
    String echo;

    @BeforeEach
    void start() {
        echo = "127.0.0.1:" + server.port("echo", Transport.TCP);
    }

    static int port(JsonNode proxy) {
        String listen = proxy.get("listen").asText();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    static String echoOnce(int port, String line) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(line.getBytes(US_ASCII));
            byte[] buf = s.getInputStream().readNBytes(line.length());
            return new String(buf, US_ASCII);
        }
    }

    @Test
    void createListsAndRelaysWithToxiproxysShape() throws Exception {
        Reply created = call(POST, "/proxies", "{\"name\": \"db\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"" + echo + "\"}");
        assertThat(created.status()).isEqualTo(201);
        int port = port(created.json());
        assertThat(port).isPositive();
        assertThat(created.text()).isEqualTo("{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\""
                + echo + "\",\"enabled\":true,\"toxics\":[]}");
        assertThat(echoOnce(port, "hello\n")).isEqualTo("hello\n");

        Reply all = call(GET, "/proxies", null);
        assertThat(all.json().get("db")).isEqualTo(created.json());
        assertThat(call(GET, "/proxies/db", null).json()).isEqualTo(created.json());
        Reply duplicate = call(POST, "/proxies", "{\"name\": \"db\", \"upstream\": \"" + echo + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asText()).isEqualTo("proxy already exists: db");
        assertThat(call(GET, "/endpoints", null).text()).contains("\"service\":\"db\"");
    }

    @Test
    void disableRefusesConnectionsAndEnableRebindsTheSamePort() throws Exception {
        int port = port(call(POST, "/proxies", "{\"name\": \"db\", \"upstream\": \"" + echo + "\"}").json());
        try (Socket open = new Socket("127.0.0.1", port)) {
            Reply disabled = call(POST, "/proxies/db", "{\"enabled\": false}");
            assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
            assertThat(port(disabled.json())).isEqualTo(port);
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            open.setSoTimeout(5000);
            assertThat(open.getInputStream().read()).as("open connections are closed").isEqualTo(-1);
        }
        Reply enabled = call(PATCH, "/proxies/db", "{\"enabled\": true}");
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(port(enabled.json())).isEqualTo(port);
        assertThat(echoOnce(port, "again\n")).isEqualTo("again\n");
    }

    @Test
    void toxicsActOnTheRelayAndGoWithIt() throws Exception {
        int port = port(call(POST, "/proxies", "{\"name\": \"db\", \"upstream\": \"" + echo + "\"}").json());
        Reply toxic = call(POST, "/proxies/db/toxics", "{\"name\": \"cut\", \"type\": \"limit_data\", \"stream\":"
                + " \"downstream\", \"toxicity\": 1, \"attributes\": {\"bytes\": 4}}");
        assertThat(toxic.status()).isEqualTo(200);
        assertThat(toxic.text()).isEqualTo("{\"attributes\":{\"bytes\":4},\"name\":\"cut\",\"type\":\"limit_data\","
                + "\"stream\":\"downstream\",\"toxicity\":1.0}");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("0123456789".getBytes(US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), US_ASCII)).isEqualTo("0123");
        }
        assertThat(call(GET, "/proxies/db", null).json().get("toxics").size()).isEqualTo(1);
        assertThat(call(GET, "/proxies/db/toxics/cut", null).json()).isEqualTo(toxic.json());
        assertThat(call(DELETE, "/proxies/db/toxics/cut", null).status()).isEqualTo(204);
        assertThat(echoOnce(port, "0123456789")).isEqualTo("0123456789");
        call(POST, "/proxies/db/toxics", "{\"type\": \"latency\", \"attributes\": {\"latency\": 1}}");
        assertThat(call(DELETE, "/proxies/db", null).status()).isEqualTo(204);
        assertThat(call(GET, "/proxies/db", null).status()).isEqualTo(404);
        assertThat(Faults.of(server).faults("db", Transport.TCP).isEmpty()).as("toxics go with the proxy").isTrue();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThat(call(GET, "/proxies/db/toxics", null).status()).isEqualTo(404);
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws Exception {
        int port = port(call(POST, "/proxies", "{\"name\": \"db\", \"upstream\": \"" + echo + "\", \"enabled\": false,"
                + " \"listen\": \"127.0.0.1:0\"}").json());
        assertThat(port).as("not bound yet").isZero();
        call(POST, "/proxies/db/toxics", "{\"type\": \"timeout\", \"attributes\": {\"timeout\": 0}}");
        call(POST, "/services/echo/tcp/faults", "{\"type\": \"latency\", \"attributes\": {\"latency\": 1}}");
        assertThat(call(POST, "/reset", null).status()).isEqualTo(204);
        JsonNode db = call(GET, "/proxies/db", null).json();
        assertThat(db.get("enabled").asBoolean()).isTrue();
        assertThat(db.get("toxics").size()).isZero();
        assertThat(Faults.of(server).withFaults()).isEmpty();
        assertThat(echoOnce(port(db), "x")).isEqualTo("x");
    }

    @Test
    void populateCreatesKeepsAndReplaces() throws Exception {
        Reply first = call(POST, "/populate", "[{\"name\": \"a\", \"upstream\": \"" + echo + "\"},"
                + " {\"name\": \"b\", \"upstream\": \"" + echo + "\", \"enabled\": false}]");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("proxies").size()).isEqualTo(2);
        String a = first.json().get("proxies").get(0).get("listen").asText();
        Reply again = call(POST, "/populate", "[{\"name\": \"a\", \"listen\": \"" + a + "\", \"upstream\": \"" + echo
                + "\"}]");
        assertThat(again.json().get("proxies").get(0).get("listen").asText()).as("kept, not rebound").isEqualTo(a);
        Reply missing = call(POST, "/populate", "[{\"name\": \"c\", \"upstream\": \"" + echo + "\"}, {\"upstream\": \"x:1\"}]");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("missing required field: name at proxy 2");
        assertThat(call(GET, "/proxies/c", null).status()).as("nothing created").isEqualTo(404);
        Reply partial = call(POST, "/populate", "[{\"name\": \"c\", \"upstream\": \"" + echo + "\"},"
                + " {\"name\": \"echo\", \"upstream\": \"" + echo + "\"}]");
        assertThat(partial.status()).isEqualTo(409);
        assertThat(partial.json().get("proxies").size()).isEqualTo(1);
        assertThat(partial.json().get("error").asText()).isEqualTo("proxy already exists: 'echo' is a service of this server");
    }

    @Test
    void udpProxiesAreAnExtension() throws Exception {
        String upstream = "127.0.0.1:" + server.port("echo", Transport.UDP);
        Reply created = call(POST, "/proxies", "{\"name\": \"dns\", \"protocol\": \"udp\", \"upstream\": \"" + upstream + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("protocol").asText()).isEqualTo("udp");
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            byte[] ping = "ping".getBytes(US_ASCII);
            s.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", port(created.json()))));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            s.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), US_ASCII)).isEqualTo("ping");
        }
        assertThat(call(POST, "/proxies/dns/toxics", "{\"type\": \"loss\", \"attributes\": {\"probability\": 1}}").status())
                .isEqualTo(200);
        assertThat(call(POST, "/proxies/dns", "{\"protocol\": \"tcp\"}").status()).isEqualTo(400);
    }

    @Test
    void whileTheServerStopsProxiesAreNotChangedAndThatIsA503() throws Exception {
        call(POST, "/proxies", "{\"name\": \"db\", \"upstream\": \"" + echo + "\"}");
        admin.stop();
        Reply refused = call(POST, "/proxies", "{\"name\": \"db2\", \"upstream\": \"" + echo + "\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").asText()).isEqualTo("server: stopping");
        assertThat(call(POST, "/proxies/db", "{\"enabled\": false}").status()).isEqualTo(503);
        assertThat(call(GET, "/proxies/db", null).json().get("enabled").asBoolean()).as("reads still work").isTrue();
    }

    @Test
    void badProxyRequestsAre4xx() throws Exception {
        assertThat(call(POST, "/proxies", "{\"upstream\": \"" + echo + "\"}").json().get("error").asText())
                .isEqualTo("missing required field: name");
        assertThat(call(POST, "/proxies", "{\"name\": \"x\"}").json().get("error").asText())
                .isEqualTo("missing required field: upstream");
        assertThat(call(POST, "/proxies", "{\"name\": \"x\", \"upstream\": \"nowhere\"}").json().get("error").asText())
                .startsWith("upstream: 'nowhere' (expected: HOST:PORT");
        assertThat(call(POST, "/proxies", "{\"name\": \"x y\", \"upstream\": \"" + echo + "\"}").status()).isEqualTo(400);
        assertThat(call(POST, "/proxies", "{\"name\": \"x\", \"upstream\": \"" + echo + "\", \"listen\": \"80\"}")
                .json().get("error").asText()).startsWith("listen: '80' (expected: HOST:PORT");
        assertThat(call(POST, "/proxies", "{\"name\": \"x\", \"upstream\": \"" + echo + "\", \"enabled\": \"yes\"}")
                .json().get("error").asText()).isEqualTo("enabled: \"yes\" (expected: true or false)");
        assertThat(call(POST, "/proxies", "{\"name\": \"x\", \"upstream\": \"" + echo + "\", \"protocol\": \"sctp\"}")
                .json().get("error").asText()).isEqualTo("protocol: 'sctp' (expected: tcp or udp)");
        assertThat(call(POST, "/proxies", "{\"name\": \"x\", \"upstrem\": \"" + echo + "\"}").json().get("error")
                .asText()).startsWith("bad request body: unknown field 'upstrem' in a proxy");
        int taken = server.port("echo", Transport.TCP);
        Reply inUse = call(POST, "/proxies", "{\"name\": \"x\", \"upstream\": \"" + echo + "\", \"listen\": \"127.0.0.1:"
                + taken + "\"}");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("error").asText()).contains("Address already in use");
        assertThat(call(GET, "/proxies/x", null).status()).as("a failed create leaves nothing").isEqualTo(404);
        assertThat(call(POST, "/proxies/nope", "{}").status()).isEqualTo(404);
        assertThat(call(DELETE, "/proxies/nope", null).status()).isEqualTo(404);
        assertThat(call(GET, "/proxies/nope/toxics/t", null).status()).isEqualTo(404);
    }
}
