package io.inetty.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.cli.Main;
import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.UdpPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code inetty bench} against an embedded server (every mode, short runs) and against broken fake servers. */
class BenchCommandTest {
    private static final String[] SHORT = {"--duration", "1s", "--warmup", "200ms", "--threads", "2"};
    private static InettyServer server;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        server = Inetty.builder().bind("127.0.0.1").threads(2).udp(UdpPolicy.OFF)
                .service(Services.ECHO, 0).service(Services.DISCARD, 0).service(Services.CHARGEN, 0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private int bench(String service, int port, String... options) {
        String[] args = new String[3 + SHORT.length + options.length];
        args[0] = "bench";
        args[1] = service;
        args[2] = "127.0.0.1:" + port;
        System.arraycopy(SHORT, 0, args, 3, SHORT.length);
        System.arraycopy(options, 0, args, 3 + SHORT.length, options.length);
        return run(args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json() {
        assertThat(out.toString().strip().lines()).hasSize(1);
        Map<String, Object> j = (Map<String, Object>) MiniJson.parse(out.toString());
        assertThat(j).containsKeys("mode", "service", "protocol", "host", "port", "transport", "connections", "size",
                "threads", "duration_s", "warmup_s", "rate_target", "messages", "msg_per_s", "bytes", "mb_per_s",
                "errors", "mismatches", "conn_errors", "connect_failures", "timeouts", "refused", "extra_bytes",
                "sent", "lost", "late", "loss_pct", "latency_us");
        return j;
    }

    private static double num(Map<String, Object> j, String key) {
        return ((Number) j.get(key)).doubleValue();
    }

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
        assertThat(code).as(err.toString()).isZero();
        Map<String, Object> j = json();
        assertThat(j.get("mode")).isEqualTo(fullName);
        assertThat(num(j, "connections")).isEqualTo(3);
        assertThat(num(j, "errors")).isZero();
        assertThat(num(j, "mismatches")).isZero();
        assertThat(num(j, "duration_s")).isBetween(0.9, 2.0);
        assertThat(num(j, "mb_per_s")).isPositive();
        if (latency) {
            assertThat(num(j, "msg_per_s")).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Object> lat = (Map<String, Object>) j.get("latency_us");
            assertThat(lat).containsKeys("count", "p50", "p90", "p99", "p999", "max", "mean");
            assertThat(num(lat, "count")).isPositive();
            assertThat(num(lat, "p50")).isPositive().isLessThanOrEqualTo(num(lat, "max"));
        } else {
            assertThat(j.get("latency_us")).isNull();
        }
        assertThat(err.toString()).contains("errors 0");
    }

    @Test
    void pingpongAtAFixedRateTextSummary() {
        int code = bench("echo", server.port("echo"), "-c", "2", "--rate", "2000");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("tcp-pingpong echo 127.0.0.1:" + server.port("echo"), "target 2,000 msg/s",
                "latency us   p50", "p99.9", "from the scheduled send times", "errors       0");
        assertThat(err.toString()).contains("msg/s  p99");
    }

    @Test
    void wrongChargenPatternIsAMismatch() throws IOException {
        // first line right, then every line starts with the same character: the pattern does not rotate
        byte[] line = (new String(ChargenChecker.bytes(72), StandardCharsets.US_ASCII) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
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
            assertThat(out.toString()).contains("tcp-pingpong").doesNotContain("errors       0 ");
            assertThat(out.toString()).containsPattern("mismatches [1-9]");
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
            err.getBuffer().setLength(0);
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().strip().lines()).as(err.toString()).hasSize(1);
            assertThat(err.toString()).startsWith("inetty bench: ");
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusedConnectionCannotStart() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThat(bench("echo", port)).isEqualTo(3);
        assertThat(err.toString()).contains("inetty bench: cannot connect to 127.0.0.1:" + port);
        assertThat(out.toString()).isEmpty();
    }

    /** A test-owned TCP server on 127.0.0.1 running {@code session} for each connection in its own thread. */
    private static ServerSocket fakeServer(Consumer<Socket> session) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            session.accept(s);
                        } catch (IOException e) {
                            // closing
                        }
                    }, "fake-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
