package io.inetty.it;

import static io.inetty.it.Wire.data;
import static io.inetty.it.Wire.exchange;
import static io.inetty.it.Wire.ip;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Endpoint;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** INETTY_<OPTION> environment variables, and the command line winning over them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnvironmentTest {
    private static final Map<String, String> ENV = Map.of("INETTY_SERVICE", "echo:0", "INETTY_BIND", "127.0.0.1");

    @Test
    void environmentAloneConfiguresServe() throws Exception {
        try (InettyProcess inetty = InettyProcess.start(ENV, "serve")) {
            int port = inetty.port("echo", "tcp");
            assertThat(inetty.endpoints()).extracting(Endpoint::toString).containsExactly(
                    new Endpoint("echo", "tcp", new InetSocketAddress(ip("127.0.0.1"), port)).toString(),
                    new Endpoint("echo", "udp", new InetSocketAddress(ip("127.0.0.1"), port)).toString());
            try (DatagramSocket socket = new DatagramSocket(0, ip("127.0.0.1"))) {
                byte[] back = data(exchange(socket, "env".getBytes(US_ASCII),
                        new InetSocketAddress(ip("127.0.0.1"), port)));
                assertThat(back).asString(US_ASCII).isEqualTo("env");
            }
        }
    }

    @Test
    void commandLineOverridesTheEnvironment() {
        try (InettyProcess inetty = InettyProcess.start(ENV, "serve", "--service", "time/udp:0")) {
            assertThat(inetty.endpoints()).extracting(e -> e.service() + "/" + e.transport() + " " + e.ip().getHostAddress())
                    .containsExactly("time/udp 127.0.0.1");
        }
        try (InettyProcess inetty = InettyProcess.start(ENV, "serve", "--bind", "::1")) {
            assertThat(inetty.endpoints()).extracting(e -> e.service() + "/" + e.transport() + " " + e.ip().getHostAddress())
                    .containsExactly("echo/tcp 0:0:0:0:0:0:0:1", "echo/udp 0:0:0:0:0:0:0:1");
        }
    }

    @Test
    void otherOptionsFromTheEnvironment() {
        // A list in one variable (comma-separated) and a usage error found in the environment.
        try (InettyProcess inetty = InettyProcess.start(
                Map.of("INETTY_SERVICE", "echo/udp:0,time/tcp:0", "INETTY_BIND", "127.0.0.1,::1"), "serve")) {
            assertThat(inetty.endpoints("echo", "udp")).hasSize(2);
            assertThat(inetty.endpoints("time", "tcp")).hasSize(2);
            assertThat(inetty.endpoints()).hasSize(4);
        }
        InettyProcess.Result r = InettyProcess.runInetty(Map.of("INETTY_SERVICE", "nope", "INETTY_BIND", "127.0.0.1"),
                List.of(), List.of("serve"));
        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderr()).contains("'nope'");
    }

    @Test
    void ipv4AndIpv6FromTheEnvironmentAreRejectedAsOnTheCommandLine() {
        InettyProcess.Result r = InettyProcess.runInetty(Map.of("INETTY_IPV4", "true", "INETTY_IPV6", "true",
                "INETTY_SERVICE", "echo:0"), List.of(), List.of("serve"));
        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains("INETTY_IPV4 and INETTY_IPV6 exclude each other");
    }

    @Test
    void anEmptyVariableIsUnsetAndBooleansTakeYesNo() {
        try (InettyProcess inetty = InettyProcess.start(Map.of("INETTY_BIND", "", "INETTY_SERVICE", "echo/tcp:0",
                "INETTY_PORT_OFFSET", "", "INETTY_UDP_STRICT", "yes"), "serve")) {
            assertThat(inetty.endpoints()).isNotEmpty().allMatch(e -> e.ip().isAnyLocalAddress(),
                    "the wildcard, as without --bind");
        }
    }

    @Test
    void anUnknownVariableIsAWarningNamingTheClosestOne() {
        try (InettyProcess inetty = InettyProcess.start(Map.of("INETTY_PORTOFFSET", "10000", "INETTY_BIND", "127.0.0.1",
                "INETTY_SERVICE", "echo/tcp:0"), "serve")) {
            assertThat(inetty.stderrLines("INETTY_PORTOFFSET")).singleElement().asString()
                    .contains("WARN", "unknown environment variable INETTY_PORTOFFSET", "did you mean INETTY_PORT_OFFSET?");
        }
    }

    @Test
    void aBadValueNamesTheVariable() {
        InettyProcess.Result r = InettyProcess.runInetty(Map.of("INETTY_PORT_OFFSET", "abc"), List.of(),
                List.of("serve"));
        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains("INETTY_PORT_OFFSET: 'abc'")
                .doesNotContain("--port-offset");
    }
}
