package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static io.inetty.it.Peers.sum;
import static io.inetty.it.Peers.udpLines;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --allow / --deny from distinct loopback source addresses: a refused TCP peer is closed before any byte
 * and logged with reason=denied; a refused UDP peer gets no reply, counted in dropped_denied.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessControlTest {

    /** A daytime line over TCP from {@code source}, or "" if closed before any byte. */
    private static String tcpDaytime(String source, InetSocketAddress to, int[] localPort) throws Exception {
        try (Socket s = connect(source, to)) {
            localPort[0] = s.getLocalPort();
            return new String(Wire.readToEof(s.getInputStream(), 1024), US_ASCII);
        }
    }

    /** A daytime reply over UDP from {@code source} within {@code millis}, or null. */
    private static String udpDaytime(String source, InetSocketAddress to, int millis) throws Exception {
        try (DatagramSocket socket = Peers.udpFrom(source)) {
            DatagramPacket reply = Wire.ask(socket, new byte[0], to, millis);
            return reply == null ? null : new String(Wire.data(reply), US_ASCII);
        }
    }

    private static void assertServed(String source, String host, InettyProcess inetty) throws Exception {
        int[] port = new int[1];
        Wire.assertDaytime(tcpDaytime(source, at(host, inetty.port("daytime", "tcp")), port));
        String udp = null;
        for (int attempt = 0; attempt < 3 && udp == null; attempt++) {
            udp = udpDaytime(source, at(host, inetty.port("daytime", "udp")), 2000);
        }
        assertThat(udp).as("UDP daytime reply to %s", source).isNotNull();
        Wire.assertDaytime(udp);
    }

    private static void assertRefused(String source, String host, InettyProcess inetty) throws Exception {
        int[] port = new int[1];
        assertThat(tcpDaytime(source, at(host, inetty.port("daytime", "tcp")), port))
                .as("TCP from %s: closed before any byte", source).isEmpty();
        String peer = host.contains(":") ? "[" + source + "]" : source;
        String line = inetty.awaitStderrLine("peer=" + peer + ":" + port[0] + " ", Duration.ofSeconds(10));
        assertThat(line).contains("tcp daytime ").endsWith(" in=0 out=0 ms=0 reason=denied");
        assertThat(udpDaytime(source, at(host, inetty.port("daytime", "udp")), 500))
                .as("UDP reply to refused %s within 500 ms", source).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--allow=127.0.0.1/32", "--deny=127.0.0.2"})
    void refusesTheOtherLoopbackSource(String rule) throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "daytime:0", rule)) {
            assertServed("127.0.0.1", "127.0.0.1", inetty);
            assertRefused("127.0.0.2", "127.0.0.1", inetty);
            assertServed("127.0.0.1", "127.0.0.1", inetty);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            List<String> udp = udpLines(inetty, "daytime");
            System.out.println("[access] " + rule + ": 127.0.0.1 served, 127.0.0.2 refused (TCP reason=denied, UDP "
                    + "dropped_denied=" + sum(udp, "dropped_denied") + ")");
            assertThat(sum(udp, "dropped_denied")).as("dropped_denied in %s: %s", udp, inetty.describe()).isPositive();
            assertThat(sum(udp, "datagrams_out")).as("UDP replies to 127.0.0.1").isPositive();
        }
    }

    @Test
    void ipv6AllowRuleRefusesIpv4WhenBothFamiliesAreServed() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "::1",
                "--service", "daytime:0", "--allow", "::1/128")) {
            assertServed("::1", "::1", inetty);
            assertRefused("127.0.0.1", "127.0.0.1", inetty);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            List<String> udp = udpLines(inetty, "daytime");
            assertThat(sum(udp, "dropped_denied")).as("dropped_denied in %s: %s", udp, inetty.describe()).isPositive();
            System.out.println("[access] --allow ::1/128: [::1] served, 127.0.0.1 refused on TCP and UDP");
        }
    }
}
