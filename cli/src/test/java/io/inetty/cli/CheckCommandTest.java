package io.inetty.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.Services;
import io.inetty.protocols.chargen.ChargenPattern;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.UdpPolicy;
import java.io.IOException;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code inetty check} against a real embedded server (every service, TCP and UDP, IPv4 and IPv6) and fakes. */
@Timeout(30)
class CheckCommandTest {
    private static InettyServer server;
    private final Cli cli = new Cli();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;
    private final List<AutoCloseable> fakes = new ArrayList<>();

    @BeforeAll
    static void start() {
        Inetty.Builder b = Inetty.builder().bind("127.0.0.1").bind("::1").udp(UdpPolicy.OFF).threads(2)
                .shutdownTimeout(Duration.ofMillis(200));
        Services.all().forEach(s -> b.service(s, 0));
        server = b.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeFakes() throws Exception {
        for (AutoCloseable c : fakes) {
            c.close();
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private String line() {
        assertThat(out.toString().lines()).as("stdout: " + out).hasSize(1);
        return out.toString().strip();
    }

    private static int port(String service) {
        return server.port(service);
    }

    @ParameterizedTest
    @CsvSource({"echo,tcp", "echo,udp", "discard,tcp", "discard,udp", "daytime,tcp", "daytime,udp",
        "qotd,tcp", "qotd,udp", "chargen,tcp", "chargen,udp", "time,tcp", "time,udp"})
    void everyServiceOnBothTransportsIsOk(String service, String transport) {
        String target = "127.0.0.1:" + port(service);
        int code = transport.equals("udp") ? run("--udp", service, target) : run(service, target);
        assertThat(code).as(out + " " + err).isZero();
        assertThat(line()).startsWith("OK " + service + " " + transport + " " + target + ": ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void detailsOfOkLines() {
        assertThat(run("echo", "127.0.0.1:" + port("echo"))).isZero();
        assertThat(line()).matches("OK echo tcp 127\\.0\\.0\\.1:\\d+: 1024 bytes echoed in \\d+\\.\\d ms");
        out.getBuffer().setLength(0);
        assertThat(run("chargen", "127.0.0.1:" + port("chargen"))).isZero();
        assertThat(line()).contains("7030 bytes of the RFC 864 pattern (95 lines from line 0)");
        out.getBuffer().setLength(0);
        assertThat(run("--udp", "daytime", "127.0.0.1:" + port("daytime"))).isZero();
        assertThat(line()).matches("OK daytime udp \\S+: [A-Z][a-z]+day, [A-Z][a-z]+ \\d+, \\d{4} \\d\\d:\\d\\d:\\d\\d-UTC");
        out.getBuffer().setLength(0);
        assertThat(run("time", "127.0.0.1:" + port("time"))).isZero();
        assertThat(line()).matches("OK time tcp \\S+: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(offset [+-]0\\.\\d s.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ipv6InBrackets(String transport) {
        String target = "[::1]:" + port("echo");
        assertThat(transport.equals("udp") ? run("--udp", "echo", target) : run("echo", target)).as(out + " " + err).isZero();
        assertThat(line()).startsWith("OK echo " + transport + " [::1]:" + port("echo") + ": ");
    }

    @Test
    void bareIpv6UsesDefaultPortPlusOffset() {
        assertThat(run("--udp", "--port-offset", String.valueOf(port("time") - 37), "time", "::1")).as(out.toString()).isZero();
        assertThat(line()).startsWith("OK time udp [::1]:" + port("time") + ": ");
    }

    @Test
    void closedPortFails() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(run("echo", "127.0.0.1:" + closed)).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).isEqualTo("FAIL echo tcp 127.0.0.1:" + closed + ": connection refused");
        out.getBuffer().setLength(0);
        assertThat(run("--udp", "--timeout", "1s", "time", "127.0.0.1:" + closed)).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).startsWith("FAIL time udp 127.0.0.1:" + closed + ": ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "time|echo|no reply within 500ms",
        "chargen|qotd|connection closed after",
        "echo|chargen|reply differs from what was sent at byte",
        "discard|echo|the server sent 1024 bytes (expected: nothing)",
        "discard|time|",
        "qotd|chargen|more than 511 bytes",
        "daytime|time|",
        "time|daytime|more than 4 bytes",
        "echo|daytime|"})
    void wrongServiceOverTcpFails(String check, String actual, String reason) {
        assertThat(run("--timeout", "500ms", check, "127.0.0.1:" + port(actual))).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).startsWith("FAIL " + check + " tcp 127.0.0.1:" + port(actual) + ": ")
                .contains(reason == null ? "" : reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chargen|qotd|not the RFC 864 pattern",
        "time|echo|1 bytes (expected: exactly 4)",
        "echo|time|reply of 4 bytes to a 64-byte datagram",
        "discard|echo|the server replied with 64 bytes",
        "daytime|time|",
        "qotd|discard|no reply within 700ms"})
    void wrongServiceOverUdpFails(String check, String actual, String reason) {
        assertThat(run("--udp", "--timeout", "700ms", check, "127.0.0.1:" + port(actual))).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).startsWith("FAIL " + check + " udp ").contains(reason == null ? "" : reason);
    }

    /** A one-connection TCP server that writes {@code reply}, then closes unless {@code keepOpen}. */
    private int fakeTcp(byte[] reply, boolean keepOpen) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        fakes.add(listener);
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                s.getOutputStream().write(reply);
                if (keepOpen) {
                    s.setSoTimeout(10_000);
                    s.getInputStream().read();
                }
            } catch (IOException e) {
                // the check hung up: fine
            }
        });
        t.setDaemon(true);
        t.start();
        return listener.getLocalPort();
    }

    private static byte[] chargen(int fromLine, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = ChargenPattern.at(fromLine * ChargenPattern.LINE_BYTES + i);
        }
        return b;
    }

    private static byte[] time(Instant t) {
        return ByteBuffer.allocate(4).putInt((int) (t.getEpochSecond() + 2_208_988_800L)).array();
    }

    @Test
    void fakeChargen() throws IOException {
        assertThat(run("chargen", "127.0.0.1:" + fakeTcp(chargen(5, 8000), true))).isZero();
        assertThat(line()).contains("from line 5");
        byte[] wrong = chargen(0, 8000);
        wrong[1000] = 'x';
        out.getBuffer().setLength(0);
        assertThat(run("chargen", "127.0.0.1:" + fakeTcp(wrong, true))).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).contains("not the RFC 864 pattern: byte 1000 is 'x'");
        out.getBuffer().setLength(0);
        assertThat(run("chargen", "127.0.0.1:" + fakeTcp(chargen(0, 3 * ChargenPattern.LINE_BYTES + 1), false)))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).contains("connection closed after 223 bytes");
        byte[] midLine = new byte[8000];
        System.arraycopy(chargen(0, 8010), 10, midLine, 0, 8000);
        out.getBuffer().setLength(0);
        assertThat(run("chargen", "127.0.0.1:" + fakeTcp(midLine, true))).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).contains("not the RFC 864 pattern");
    }

    @Test
    void fakeTime() throws IOException {
        assertThat(run("time", "127.0.0.1:" + fakeTcp(time(Instant.now().minusSeconds(3600)), false)))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).matches("FAIL time tcp \\S+: server time \\S+ is 3\\d{3}\\.\\d s behind the local clock \\(tolerance 5s\\)");
        out.getBuffer().setLength(0);
        assertThat(run("--tolerance", "2h", "time", "127.0.0.1:" + fakeTcp(time(Instant.now().minusSeconds(3600)), false)))
                .isZero();
        out.getBuffer().setLength(0);
        assertThat(run("--timeout", "500ms", "time", "127.0.0.1:" + fakeTcp(time(Instant.now()), true)))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).contains("connection still open 500ms after 4 bytes");
        out.getBuffer().setLength(0);
        assertThat(run("time", "127.0.0.1:" + fakeTcp(new byte[3], false))).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).contains("3 bytes (expected: exactly 4)");
    }

    @Test
    void fakeTextServices() throws IOException {
        assertThat(run("daytime", "127.0.0.1:" + fakeTcp("Tuesday\n".getBytes(US_ASCII), false))).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).contains("does not end with CR LF");
        out.getBuffer().setLength(0);
        assertThat(run("daytime", "127.0.0.1:" + fakeTcp("two\r\nlines\r\n".getBytes(US_ASCII), false))).isEqualTo(1);
        assertThat(line()).contains("byte 3 is 0x0d (expected: printable US-ASCII on one line)");
        out.getBuffer().setLength(0);
        assertThat(run("qotd", "127.0.0.1:" + fakeTcp("Two\r\n\tlines.\r\n".getBytes(US_ASCII), false))).isZero();
        assertThat(line()).endsWith(": 14-byte quote \"Two\"");
        out.getBuffer().setLength(0);
        assertThat(run("qotd", "127.0.0.1:" + fakeTcp("bell\u0007\r\n".getBytes(US_ASCII), false))).isEqualTo(1);
        assertThat(line()).contains("byte 4 is 0x07");
        out.getBuffer().setLength(0);
        assertThat(run("qotd", "127.0.0.1:" + fakeTcp(new byte[0], false))).isEqualTo(1);
        assertThat(line()).endsWith(": empty reply");
        out.getBuffer().setLength(0);
        assertThat(run("discard", "127.0.0.1:" + fakeTcp(new byte[0], false))).isEqualTo(1);
        assertThat(line()).matches("FAIL discard tcp \\S+: connection (closed|reset) by the server.*");
    }

    @Test
    void udpReplyFromAnotherAddressIsIgnored() throws Exception {
        DatagramSocket fake = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        DatagramSocket other = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        fakes.add(fake);
        fakes.add(other);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(new byte[100], 100);
                    fake.receive(p);
                    byte[] now = time(Instant.now());
                    other.send(new DatagramPacket(now, 4, p.getSocketAddress())); // right answer, wrong source port
                }
            } catch (IOException e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        assertThat(run("--udp", "--timeout", "800ms", "time", "127.0.0.1:" + fake.getLocalPort())).isEqualTo(1);
        assertThat(line()).contains("no reply within 800ms");
    }

    @Test
    void unresolvableNameFails() {
        assertThat(run("--timeout", "2s", "echo", "no-such-host.invalid:7")).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(line()).startsWith("FAIL echo tcp no-such-host.invalid:7: cannot resolve 'no-such-host.invalid'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nope localhost|unknown service 'nope' (expected one of: echo, discard, daytime, qotd, chargen, time, whoami)",
        "echo localhost:70000|port '70000' (expected: 1-65535)",
        "echo localhost:0|port '0' (expected: 1-65535)",
        "echo localhost:|port '' (expected: 1-65535)",
        "echo [::1]:x|port 'x'",
        "echo [::1|is not an IPv6 address",
        "echo ::zz|'::zz' is not an IPv6 address",
        "echo a/b|expected: HOST[:PORT]",
        "echo|Missing required parameter",
        "--timeout 0 echo localhost|--timeout: 0s",
        "--timeout soon echo localhost|soon",
        "--port-offset 65530 echo localhost|--port-offset: 65530 would put echo on port 65537",
        "--port-offset -1 echo localhost|--port-offset: -1"})
    void usageErrorsExit2OnOneLine(String args, String message) {
        assertThat(run(args.split(" "))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("inetty check: ").contains(message).doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--udp", "--timeout", "--tolerance", "--port-offset", "HOST[:PORT]", "FAIL");
    }
}
