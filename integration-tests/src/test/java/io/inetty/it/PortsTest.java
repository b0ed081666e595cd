package io.inetty.it;

import static io.inetty.it.Wire.data;
import static io.inetty.it.Wire.exchange;
import static io.inetty.it.Wire.ip;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Endpoint;
import io.inetty.it.InettyProcess.Result;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port 0 (one ephemeral port per service, shared by all its sockets) and --port-offset. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PortsTest {

    @Test
    void separateTransportSpecsAtPortZeroStillShareOnePort() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "::1",
                "--service", "daytime/tcp:0", "--service", "daytime/udp:0", "--service", "time/udp:0")) {
            assertThat(inetty.endpoints("daytime", "tcp")).hasSize(2);
            assertThat(inetty.endpoints("daytime", "udp")).hasSize(2);
            assertThat(inetty.endpoints("time", "tcp")).as("time/udp only").isEmpty();
            assertThat(inetty.endpoints("time", "udp")).hasSize(2);
            assertThat(inetty.port("daytime", "tcp")).isEqualTo(inetty.port("daytime", "udp"));
            assertThat(inetty.port("time", "udp")).isNotEqualTo(inetty.port("daytime", "udp"));
        }
    }

    @Test
    void portOffsetIsAddedToTheDefaultPorts() throws Exception {
        InetAddress lo = ip("127.0.0.1");
        // Below Linux's ephemeral range (32768-60999), so no client socket takes the port meanwhile.
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            int offset = 20_000 + 100 * ThreadLocalRandom.current().nextInt(100);
            if (!Wire.isFree(lo, offset + 7) || !Wire.isFree(lo, offset + 37)) {
                continue;
            }
            String[] args = {"serve", "--bind", "127.0.0.1", "--port-offset", Integer.toString(offset),
                "--service", "echo", "--service", "time/udp"};
            InettyProcess inetty;
            try {
                inetty = InettyProcess.start(Map.of(), args);
            } catch (AssertionError e) {
                failures.add(e.getMessage()); // another process took a port meanwhile: try another offset
                continue;
            }
            try (inetty) {
                assertThat(inetty.endpoints()).extracting(Endpoint::toString).containsExactly(
                        endpoint("echo", "tcp", offset + 7), endpoint("echo", "udp", offset + 7),
                        endpoint("time", "udp", offset + 37));
                InetSocketAddress echo = new InetSocketAddress(lo, offset + 7);
                try (DatagramSocket socket = new DatagramSocket(0, lo)) {
                    assertThat(data(exchange(socket, "offset".getBytes(US_ASCII), echo))).asString(US_ASCII)
                            .isEqualTo("offset");
                }
            }
            return;
        }
        throw new AssertionError("no free port offset found in 5 attempts: " + failures);
    }

    @Test
    void portOffsetFromTheEnvironment() {
        // Offset 0 plus explicit ports: the offset applies only to services without a port.
        try (InettyProcess inetty = InettyProcess.start(Map.of("INETTY_PORT_OFFSET", "65000"),
                "serve", "--bind", "127.0.0.1", "--service", "echo/tcp:0")) {
            assertThat(inetty.endpoints()).hasSize(1);
            assertThat(inetty.port("echo", "tcp")).isNotEqualTo(65_007);
        }
        Result r = InettyProcess.runInetty(Map.of("INETTY_PORT_OFFSET", "65530"), List.of(),
                List.of("serve", "--bind", "127.0.0.1", "--service", "echo/tcp"));
        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderr()).contains("65537");
    }

    private static String endpoint(String service, String transport, int port) {
        return new Endpoint(service, transport, new InetSocketAddress(ip("127.0.0.1"), port)).toString();
    }
}
