package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static io.inetty.it.Peers.serveOnLoopback;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The access log on standard error: one text line or JSON object per TCP connection, UDP aggregate lines
 * at stop, peers as literals, and none of it with --no-access-log.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessLogTest {
    private static final byte[] HELLO = "hello".getBytes(US_ASCII);

    /** One echo round trip of 5 bytes over TCP ending with the client's half-close; returns its local port. */
    private static int echoOnce(String host, int port) throws Exception {
        try (Socket s = connect(at(host, port))) {
            s.getOutputStream().write(HELLO);
            s.shutdownOutput();
            assertThat(Wire.readToEof(s.getInputStream(), 5)).isEqualTo(HELLO);
            return s.getLocalPort();
        }
    }

    /** One echo over TCP and one over UDP to 127.0.0.1; returns the TCP client's port. */
    private static int echoOverBoth(InettyProcess inetty) throws Exception {
        int client = echoOnce("127.0.0.1", inetty.port("echo", "tcp"));
        udpEchoOnce("127.0.0.1", inetty.port("echo", "udp"));
        return client;
    }

    private static void udpEchoOnce(String host, int port) throws Exception {
        try (DatagramSocket d = new DatagramSocket()) {
            assertThat(Wire.data(Wire.exchange(d, HELLO, at(host, port)))).isEqualTo(HELLO);
        }
    }

    /** Echo over TCP and UDP, then the daemon stops: one line per TCP connection, UDP aggregates, in each format. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "json"})
    void linesInEachFormat(String format) throws Exception {
        String[] options = format.equals("text") ? new String[0] : new String[] {"--log-format", format}; // text: the default
        try (InettyProcess inetty = serveOnLoopback("echo", options)) {
            int port = inetty.port("echo", "tcp");
            int client = echoOverBoth(inetty);
            String line = inetty.awaitStderrLine("peer=127.0.0.1:" + client + " ", Duration.ofSeconds(10));
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            System.out.println("[access-log] " + format + ": " + line);
            if (format.equals("json")) {
                assertJsonObjects(inetty, line, port, client);
            } else {
                assertTextLines(inetty, line, port, client);
            }
        }
    }

    private static void assertTextLines(InettyProcess inetty, String line, int port, int client) {
        assertThat(line).matches("\\S+ INFO  tcp - tcp echo peer=127\\.0\\.0\\.1:" + client + " local=127\\.0\\.0\\.1:"
                + port + " in=5 out=5 ms=\\d+ reason=client-closed");
        List<String> udp = Peers.udpLines(inetty, "echo");
        assertThat(udp).isNotEmpty().allSatisfy(l -> assertThat(l)
                .matches("\\S+ INFO  udp - udp echo local=127\\.0\\.0\\.1:" + port + " datagrams_in=\\d+ bytes_in=\\d+"
                        + " datagrams_out=\\d+ bytes_out=\\d+ dropped_denied=0 dropped_strict=0 dropped_budget=0"
                        + " dropped_queue_full=0 dropped_policy=0"));
        assertThat(Peers.sum(udp, "bytes_out")).isEqualTo(Peers.sum(udp, "datagrams_out") * HELLO.length);
    }

    private static void assertJsonObjects(InettyProcess inetty, String line, int port, int client) {
        assertThat(inetty.stderrLines()).as("every line of stderr a JSON object").isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(line).contains("\"level\":\"INFO\"", "\"loggerName\":\"inetty.access.tcp\"",
                "\"formattedMessage\":\"tcp echo peer=127.0.0.1:" + client + " local=127.0.0.1:" + port
                        + " in=5 out=5 ms=");
        assertThat(line).containsPattern("ms=\\d+ reason=client-closed\"");
        assertThat(inetty.stderrLines("\"loggerName\":\"inetty.access.udp\""))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("\"formattedMessage\":\"udp echo local=127.0.0.1:" + port + " "));
    }

    @Test
    void noAccessLog() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("echo", "--no-access-log")) {
            echoOverBoth(inetty);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            System.out.println("[access-log] --no-access-log: stderr " + inetty.stderrLines());
            assertThat(inetty.stderr()).doesNotContain("peer=", "datagrams_in=", " tcp - ", " udp - ");
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (InettyProcess inetty = InettyProcess.serveAsShipped("--bind", "127.0.0.1", "--service", "echo:0")) {
            echoOverBoth(inetty);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            assertThat(inetty.stderr()).doesNotContain("peer=", "datagrams_in=");
        }
    }

    @Test
    void peersAreLiteralsNeverNames() throws Exception {
        // Both families, so that 127.0.0.1 and ::1 (which a resolver would call localhost) are both peers.
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "::1", "--service", "echo:0")) {
            int port = inetty.port("echo", "tcp");
            int v4 = echoOnce("127.0.0.1", port);
            int v6 = echoOnce("::1", port);
            udpEchoOnce("::1", inetty.port("echo", "udp"));
            String l4 = inetty.awaitStderrLine("peer=127.0.0.1:" + v4 + " local=127.0.0.1:" + port + " ", Duration.ofSeconds(10));
            String l6 = inetty.awaitStderrLine("peer=[::1]:" + v6 + " local=[::1]:" + port + " ", Duration.ofSeconds(10));
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            System.out.println("[access-log] literals: " + l4.substring(l4.indexOf("tcp echo")) + " | "
                    + l6.substring(l6.indexOf("tcp echo")));
            assertThat(Peers.udpLines(inetty, "echo")).anySatisfy(l -> assertThat(l).contains("local=[::1]:" + port + " "));
            assertThat(inetty.stderr()).doesNotContainIgnoringCase("localhost").doesNotContain("ip6-");
        }
    }
}
