package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PROXY protocol against a real sender, Debian's HAProxy ({@code send-proxy}, {@code send-proxy-v2}), with
 * clients that connect from 127.0.0.2 and 127.0.0.3 while HAProxy connects from 127.0.0.1 (the trusted proxy);
 * plus malformed and missing headers from socat, and PROXY v2 over UDP from python3.
 */
class ProxyProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Tool.require("haproxy", "haproxy");
        Tool.require("socat", "socat");
        Tool.require("python3", "python3");
    }

    /** HAProxy in the foreground: frontends v1 and v2 on loopback, each to {@code port} with a PROXY header. */
    private Tool haproxy(int v1, int v2, int port) throws Exception {
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), String.join("\n",
                "global", "  maxconn 64",
                "defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 30s", "  timeout server 30s",
                "frontend v1", "  bind 127.0.0.1:" + v1, "  default_backend v1",
                "backend v1", "  server inetty 127.0.0.1:" + port + " send-proxy source 127.0.0.1",
                "frontend v2", "  bind 127.0.0.1:" + v2, "  default_backend v2",
                "backend v2", "  server inetty 127.0.0.1:" + port + " send-proxy-v2 source 127.0.0.1", ""));
        Tool check = Tool.run("", "haproxy", "-c", "-f", cfg.toString());
        assertThat(check.exitCode()).as("%s", check).isZero();
        Tool haproxy = Tool.start("haproxy", "-db", "-f", cfg.toString());
        try {
            for (int port2 : new int[] {v1, v2}) {
                long end = System.nanoTime() + WAIT.toNanos();
                while (!listening(port2)) {
                    assertThat(System.nanoTime()).as("haproxy listens on %d: %s", port2, haproxy).isLessThan(end);
                    Thread.sleep(20);
                }
            }
            return haproxy;
        } catch (Throwable t) {
            haproxy.close(); // not handed to the caller's try-with-resources
            throw t;
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(Wire.ip("127.0.0.1"), port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** What socat, connecting from {@code from}, reads from 127.0.0.1:{@code port} after sending {@code input}. */
    private static String socat(String from, int port, String input) {
        // With nothing to send, keep the sending side open until the answer came (shut-none): a half-close before
        // the backend answered makes haproxy (tcp mode) drop the answer now and then.
        String options = input.isEmpty() ? ",shut-none" : "";
        Tool t = Tool.run(input, "socat", "-t", "5", "-T", "10", "-", "TCP:127.0.0.1:" + port + ",bind=" + from + options);
        t.waitFor(Duration.ofSeconds(20));
        return t.output();
    }

    @Test
    void haproxyV1AndV2NameTheRealClientToWhoamiAndTheAccessLog() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "whoami/tcp:0,echo/tcp:0",
                "--proxy-protocol", "127.0.0.1/32", "--deny", "127.0.0.3")) {
            int whoami = inetty.port("whoami", "tcp");
            int[] frontends = Wire.freePorts(2);
            int v1 = frontends[0];
            int v2 = frontends[1];
            try (Tool haproxy = haproxy(v1, v2, whoami)) {
                for (int frontend : new int[] {v1, v2}) {
                    String json = socat("127.0.0.2", frontend, "");
                    assertThat(json).as("through haproxy %d: %s; inetty: %s", frontend, haproxy, inetty.stderr())
                            .containsPattern("\"peer\":\"127\\.0\\.0\\.2:\\d+\",\"local\":\"127\\.0\\.0\\.1:" + whoami
                                    + "\",\"via\":\"127\\.0\\.0\\.1:\\d+\"");
                    assertThat(socat("127.0.0.3", frontend, "")).as("a denied client behind the proxy").isEmpty();
                }
                assertThat(inetty.awaitStderrLines("reason=denied", 2, WAIT))
                        .allSatisfy(l -> assertThat(l).contains("peer=127.0.0.3:").contains(" via=127.0.0.1:"));
                assertThat(inetty.stderrLines("tcp whoami peer=127.0.0.2:")).hasSize(2)
                        .allSatisfy(l -> assertThat(l).contains(" via=127.0.0.1:"));
            }
            assertThat(socat("127.0.0.2", whoami, "")).as("an untrusted source: no header expected")
                    .containsPattern("\"peer\":\"127\\.0\\.0\\.2:\\d+\",\"local\":\"127\\.0\\.0\\.1:\\d+\",\"via\":null");
        }
    }

    @Test
    void fromATrustedSourceAMissingOrBadHeaderEndsTheConnectionAndBytesOfOthersAreData() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0",
                "--proxy-protocol", "127.0.0.1")) {
            int echo = inetty.port("echo", "tcp");
            long start = System.nanoTime();
            try (Tool silent = Tool.start("socat", "-T", "20", "-", "TCP:127.0.0.1:" + echo + ",bind=127.0.0.1")) {
                silent.waitFor(WAIT); // ends when inetty closes the connection
                assertThat(silent.output()).isEmpty();
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the header timeout is 3 s")
                    .isBetween(2900L, 6000L);
            assertThat(socat("127.0.0.1", echo, "hello\n")).as("no header, then a half-close").isEmpty();
            assertThat(socat("127.0.0.1", echo, "PROXY TCP4 nonsense\r\nhello\n")).as("malformed").isEmpty();
            assertThat(socat("127.0.0.1", echo, "PROXY TCP4 " + "9".repeat(200) + "\r\nhello\n")).as("oversized").isEmpty();
            assertThat(inetty.awaitStderrLines("reason=protocol-error", 4, WAIT)).hasSize(4)
                    .allSatisfy(l -> assertThat(l).contains("tcp echo peer=127.0.0.1:"));
            String header = "PROXY TCP4 203.0.113.7 10.0.0.5 1 2\r\n";
            assertThat(socat("127.0.0.2", echo, header)).as("an untrusted source's header is echoed as data").isEqualTo(header);
        }
    }

    @Test
    void udpDatagramsWithAV2HeaderAreAnsweredToTheProxyAboutTheClient() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "whoami/udp:0",
                "--proxy-protocol", "127.0.0.1/32")) {
            int port = inetty.port("whoami", "udp");
            Result py = Tools.python("proxy_v2_udp.py", port);
            assertThat(py.exitCode()).as("%s", py).isZero();
            java.util.List<String> lines = py.stdout().lines().toList();
            assertThat(lines).hasSize(6);
            assertThat(lines.get(0)).startsWith("127.0.0.1 reply {\"service\":\"whoami\",\"transport\":\"udp\",")
                    .contains("\"peer\":\"203.0.113.7:5353\",\"local\":\"127.0.0.1:" + port + "\",\"via\":\"127.0.0.1:");
            assertThat(lines.subList(1, 5)).as("truncated, bad command, no header, forged by an untrusted source")
                    .containsExactly("127.0.0.1 none", "127.0.0.1 none", "127.0.0.1 none", "127.0.0.2 none");
            assertThat(lines.get(5)).startsWith("127.0.0.2 reply {\"service\":\"whoami\",\"transport\":\"udp\",\"peer\":\"127.0.0.2:")
                    .contains("\"via\":null");
            assertThat(inetty.stop()).isZero();
            assertThat(Peers.sum(Peers.udpLines(inetty, "whoami"), "dropped_policy")).as("truncated, bad command, no header,"
                    + " forged").isEqualTo(4);
        }
    }

}
