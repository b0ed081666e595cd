package io.inetty.it;

import static io.inetty.it.Wire.TIMEOUT_MS;
import static io.inetty.it.Wire.data;
import static io.inetty.it.Wire.exchange;
import static io.inetty.it.Wire.ip;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Endpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UDP replies leave from the address the request was sent to: a connected client socket (which only
 * accepts datagrams from the exact address and port it is connected to) gets its answer, whether the
 * daemon serves explicit addresses or every address (no --bind).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpAddressingTest {

    @Test
    void replyComesFromTheSecondAddressAConnectedClientTalksTo() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "127.0.0.2",
                "--service", "echo/udp:0")) {
            assertThat(inetty.endpoints()).extracting(e -> e.transport() + " " + e.ip().getHostAddress())
                    .containsExactly("udp 127.0.0.1", "udp 127.0.0.2");
            int port = inetty.port("echo", "udp");
            InetSocketAddress second = new InetSocketAddress(ip("127.0.0.2"), port);

            try (DatagramSocket connected = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0))) {
                connected.connect(second);
                assertEchoes(connected, second, "to the second address, connected");
            }
            try (DatagramSocket unconnected = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0))) {
                DatagramPacket reply = exchange(unconnected, "who answers?".getBytes(US_ASCII), second);
                assertThat(reply.getSocketAddress()).as("source of the reply").isEqualTo(second);
            }
        }
    }

    @Test
    void wildcardModeAnswersConnectedClientsOnBothLoopbacks() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--service", "echo:0")) {
            int port = inetty.port("echo", "udp");
            assertThat(inetty.port("echo", "tcp")).as("TCP shares the UDP port").isEqualTo(port);
            assertThat(inetty.endpoints("echo", "tcp")).extracting(Endpoint::ip)
                    .as("TCP on the wildcards").allMatch(InetAddress::isAnyLocalAddress);
            assertThat(inetty.endpoints("echo", "udp")).extracting(e -> e.ip().getHostAddress())
                    .as("UDP per address").contains("127.0.0.1", "0:0:0:0:0:0:0:1");

            for (String host : new String[] {"127.0.0.1", "::1"}) {
                InetSocketAddress target = new InetSocketAddress(ip(host), port);
                try (DatagramSocket connected = new DatagramSocket(new InetSocketAddress(ip(host), 0))) {
                    connected.connect(target);
                    assertEchoes(connected, target, "UDP to " + host + ", connected");
                }
                try (Socket tcp = new Socket()) {
                    tcp.connect(target, TIMEOUT_MS);
                    tcp.setSoTimeout(TIMEOUT_MS);
                    tcp.getOutputStream().write("tcp\n".getBytes(US_ASCII));
                    assertThat(new String(tcp.getInputStream().readNBytes(4), US_ASCII)).as("TCP to " + host)
                            .isEqualTo("tcp\n");
                }
            }
        }
    }

    private static void assertEchoes(DatagramSocket connected, InetSocketAddress target, String what) throws IOException {
        byte[] data = ("ping " + what).getBytes(US_ASCII);
        DatagramPacket reply = exchange(connected, data, target);
        assertThat(data(reply)).as(what).isEqualTo(data);
        assertThat(reply.getSocketAddress()).as("source of the reply, " + what).isEqualTo(target);
    }
}
