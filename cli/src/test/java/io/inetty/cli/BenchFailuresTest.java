package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.IoTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bench's verdicts and exit codes when the server is not the one expected, absent or unknown. */
class BenchFailuresTest extends BenchTestBase {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "udp"})
    void echoAgainstADiscardServerIsAnErrorNotZeroMessages(String transport) {
        int code = transport.equals("udp") ? bench("echo", server.port("discard"), "--json", "-q", "--udp")
                : bench("echo", server.port("discard"), "--json", "-q");
        assertThat(code).as(cli.err.toString()).isEqualTo(ExitCodes.BENCH_ERRORS);
        Map<String, Object> j = json();
        assertThat(num(j, "messages")).isZero();
        assertThat(num(j, "no_reply")).isEqualTo(1);
        assertThat(num(j, "errors")).isPositive();
        if (transport.equals("udp")) {
            assertThat(num(j, "lost")).isPositive().isEqualTo(num(j, "sent")); // every datagram of the window
            assertThat(num(j, "loss_pct")).isEqualTo(100.0);
        } else {
            assertThat(num(j, "timeouts")).isPositive(); // the first message, unanswered since the warmup
        }
    }

    @ParameterizedTest(name = "--transport {0}")
    @ValueSource(strings = {"auto", "nio"})
    void aRefusedConnectionIsOnePlainLineAndCannotStart(String transport) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThat(bench("echo", port, "--transport", transport)).isEqualTo(ExitCodes.START_FAILED);
        assertThat(cli.errLine()).isEqualTo("inetty bench: cannot connect to 127.0.0.1:" + port + ": connection refused");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveCannotStart() {
        assertThat(run("bench", "echo", "no-such-host.invalid:7")).isEqualTo(ExitCodes.START_FAILED);
        assertThat(cli.errLine()).isEqualTo("inetty bench: cannot resolve 'no-such-host.invalid': no such host name");
    }

    @Test
    void portOffsetComesFromTheEnvironmentButNotTheServersOtherSettings() {
        int echo = server.port("echo");
        Cli withEnv = new Cli(Map.of("INETTY_PORT_OFFSET", String.valueOf(echo - 7), "INETTY_TRANSPORT", "nio"));
        assertThat(withEnv.run("bench", "echo", "127.0.0.1", "-d", "1s", "--warmup", "0", "--json", "-q"))
                .as(withEnv.err + "\n" + withEnv.out).isZero();
        assertThat(withEnv.out.toString()).contains("\"port\":" + echo + ",");
        if (IoTransport.AUTO.resolve() != IoTransport.NIO) {
            assertThat(withEnv.out.toString()).doesNotContain("\"transport\":\"nio\"");
        }
    }
}
