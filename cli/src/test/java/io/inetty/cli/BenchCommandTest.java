package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.chargen.ChargenPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code inetty bench} against an embedded server (every mode, short runs) and against broken fake servers. */
class BenchCommandTest extends BenchTestBase {
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "echo,    pingpong, '',          tcp-pingpong, true",
        "echo,    pingpong, --udp,       udp-pingpong, true",
        "echo,    stream,   '',          tcp-stream,   false",
        "echo,    churn,    '',          tcp-churn,    true",
        "discard, sink,     '',          tcp-sink,     false",
        "chargen, source,   '',          tcp-source,   false"})
    void everyModeRunsCleanAndReportsJson(String service, String mode, String extra, String fullName, boolean latency) {
        int port = server.port(service);
        int code = extra.isEmpty() ? bench(service, port, "--mode", mode, "-c", "3", "--json")
                : bench(service, port, "--mode", mode, "-c", "3", "--json", extra);
        assertThat(code).as(cli.err + "\n" + cli.out).isZero();
        Map<String, Object> j = json();
        assertThat(j.get("mode")).isEqualTo(fullName);
        assertThat(num(j, "connections")).isEqualTo(3);
        assertThat(num(j, "errors")).isZero();
        assertThat(num(j, "mismatches")).isZero();
        assertThat(num(j, "duration_s")).isBetween(0.9, 2.0);
        assertThat(num(j, "mb_per_s")).isPositive();
        assertThat(num(j, "no_reply")).isZero();
        // every figure agrees with the others: each request sent in the window was answered (or lost, over UDP)
        assertThat(num(j, "sent")).isEqualTo(latency ? num(j, "messages") + num(j, "lost") : 0);
        if (latency) {
            assertThat(num(j, "msg_per_s")).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Object> lat = (Map<String, Object>) j.get("latency_us");
            assertThat(lat).containsKeys("count", "p50", "p90", "p99", "p999", "max", "mean");
            assertThat(num(lat, "count")).isPositive().isEqualTo(num(j, "messages"));
            assertThat(num(lat, "p50")).isPositive().isLessThanOrEqualTo(num(lat, "max"));
        } else {
            assertThat(j.get("latency_us")).isNull();
        }
        assertThat(cli.err.toString()).contains("errors 0");
    }

    @Test
    void pingpongAtAFixedRateTextSummary() {
        int code = bench("echo", server.port("echo"), "-c", "2", "--rate", "2000");
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("tcp-pingpong echo 127.0.0.1:" + server.port("echo"), "target 2,000 msg/s",
                "latency us   p50", "p99.9", "from the scheduled send times", "errors       0");
        assertThat(cli.err.toString()).contains("msg/s  p99");
    }

    @Test
    void wrongChargenPatternIsAMismatch() throws IOException {
        // first line right, then every line starts with the same character: the pattern does not rotate
        byte[] line = new byte[74];
        for (int i = 0; i < 72; i++) {
            line[i] = ChargenPattern.at(i);
        }
        line[72] = '\r';
        line[73] = '\n';
        try (ServerSocket fake = fakeServer(s -> {
            try (OutputStream o = s.getOutputStream()) {
                while (true) {
                    o.write(line);
                }
            } catch (IOException e) {
                // the client went away
            }
        })) {
            assertThat(bench("chargen", fake.getLocalPort(), "--json", "-q")).isEqualTo(1);
            Map<String, Object> j = json();
            assertThat(num(j, "mismatches")).isPositive();
            assertThat(num(j, "errors")).isPositive();
        }
    }

    @Test
    void corruptedEchoIsAMismatch() throws IOException {
        // echoes everything but flips the 100th byte of each connection
        try (ServerSocket fake = fakeServer(s -> {
            try (InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                byte[] buf = new byte[4096];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; total += n) {
                    if (total <= 99 && total + n > 99) {
                        buf[(int) (99 - total)] ^= 0x20;
                    }
                    o.write(buf, 0, n);
                }
            } catch (IOException e) {
                // the client went away
            }
        })) {
            assertThat(bench("echo", fake.getLocalPort())).isEqualTo(1);
            assertThat(cli.out.toString()).contains("tcp-pingpong").doesNotContain("errors       0 ");
            assertThat(cli.out.toString()).containsPattern("mismatches [1-9]");
        }
    }

    @Test
    void usageErrorsAreOneLineAndExit2() {
        int echo = server.port("echo");
        String[][] bad = {
            {"bench", "daytime", "127.0.0.1"},
            {"bench", "echo", "127.0.0.1", "--mode", "sink"},
            {"bench", "discard", "127.0.0.1", "--udp"},
            {"bench", "echo", "127.0.0.1", "--udp", "--mode", "stream"},
            {"bench", "echo", "127.0.0.1", "--mode", "stream", "--rate", "10"},
            {"bench", "chargen", "127.0.0.1", "--size", "100"},
            {"bench", "echo", "127.0.0.1:70000"},
            {"bench", "echo", "127.0.0.1", "--port-offset", "65530"},
            {"bench", "echo", "127.0.0.1:" + echo, "--udp", "--size", "8"},
            {"bench", "echo", "127.0.0.1:" + echo, "--connections", "0"},
            {"bench", "echo", "127.0.0.1:" + echo, "--duration", "0"},
            {"bench", "echo"}};
        for (String[] args : bad) {
            cli.clear();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(cli.err.toString().strip().lines()).as(cli.err.toString()).hasSize(1);
            assertThat(cli.err.toString()).startsWith("inetty bench: ");
        }
        assertThat(cli.out.toString()).isEmpty();
    }
}
