package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static io.inetty.it.Peers.serveOnLoopback;
import static io.inetty.it.Wire.assertChargen;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** --idle-timeout, --max-session and --max-session-bytes end TCP connections, with their reasons logged. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLimitsTest {

    @Test
    void idleTimeoutClosesAnIdleEchoClientButNotAnActiveOne() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("echo/tcp", "--idle-timeout", "300ms")) {
            InetSocketAddress echo = at("127.0.0.1", inetty.port("echo", "tcp"));
            // The active client: one byte every 100 ms for 1 s, each echoed; it stays open meanwhile.
            CompletableFuture<Integer> active = CompletableFuture.supplyAsync(() -> {
                try (Socket s = connect(echo)) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    int echoed = 0;
                    for (int i = 0; i < 10; i++) {
                        out.write('a' + i);
                        assertThat(in.read()).as("echo of byte %d", i).isEqualTo('a' + i);
                        echoed++;
                        Thread.sleep(100);
                    }
                    return echoed;
                } catch (Exception e) {
                    throw new AssertionError("active client", e);
                }
            });
            int idlePort;
            long millis;
            try (Socket idle = connect(echo)) {
                idlePort = idle.getLocalPort();
                long start = System.nanoTime();
                assertThat(idle.getInputStream().read()).as("EOF on the idle connection").isEqualTo(-1);
                millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            assertThat(active.get(30, TimeUnit.SECONDS)).as("echoes received by the active client").isEqualTo(10);
            String line = inetty.awaitStderrLine("peer=127.0.0.1:" + idlePort + " ", Duration.ofSeconds(10));
            System.out.printf("[session] --idle-timeout 300ms: idle client got EOF after %d ms; active client (1 B/100 ms"
                    + " for 1 s) got all 10 echoes; %s%n", millis, line.substring(line.indexOf("tcp echo")));
            assertThat(millis).as("ms before the idle EOF").isGreaterThanOrEqualTo(250);
            assertThat(line).contains("tcp echo ").endsWith(" reason=idle");
            assertThat(inetty.stderrLines("reason=idle")).hasSize(1);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }

    @Test
    void maxSessionEndsAChargenStream() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("chargen/tcp", "--max-session", "500ms")) {
            InetSocketAddress chargen = at("127.0.0.1", inetty.port("chargen", "tcp"));
            int port;
            long total = 0;
            long millis;
            try (Socket s = connect(chargen)) {
                port = s.getLocalPort();
                long start = System.nanoTime();
                InputStream in = s.getInputStream();
                assertChargen(Wire.readExactly(in, 64 * 1024), true);
                total = 64 * 1024;
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) != -1) {
                    total += n;
                }
                millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            String line = inetty.awaitStderrLine("peer=127.0.0.1:" + port + " ", Duration.ofSeconds(10));
            System.out.printf("[session] --max-session 500ms: chargen EOF after %d ms and %d B; %s%n", millis, total,
                    line.substring(line.indexOf("tcp chargen")));
            assertThat(millis).as("ms before EOF").isGreaterThanOrEqualTo(450);
            assertThat(line).endsWith(" reason=session-limit");
            assertThat(Peers.field(line, "ms")).isGreaterThanOrEqualTo(500);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }

    @Test
    void maxSessionBytesEndsAChargenStreamAfterAbout100KiB() throws Exception {
        int limit = 100 * 1024;
        try (InettyProcess inetty = serveOnLoopback("chargen/tcp", "--max-session-bytes", "100k")) {
            InetSocketAddress chargen = at("127.0.0.1", inetty.port("chargen", "tcp"));
            byte[] got;
            int port;
            try (Socket s = connect(chargen)) {
                port = s.getLocalPort();
                got = Wire.readToEof(s.getInputStream(), 16 * 1024 * 1024);
            }
            String line = inetty.awaitStderrLine("peer=127.0.0.1:" + port + " ", Duration.ofSeconds(10));
            System.out.printf("[session] --max-session-bytes 100k (%d B): client received %d B before EOF; %s%n",
                    limit, got.length, line.substring(line.indexOf("tcp chargen")));
            assertChargen(got, true);
            assertThat(line).endsWith(" reason=session-limit");
            // At least the limit (the connection ends once it has *sent* that much), at most the limit plus the
            // write buffer's high-water mark and one chargen chunk.
            assertThat(got.length).as("bytes received before EOF (limit %d B, access log: %s)", limit, line)
                    .isBetween(limit, limit + 64 * 1024 + 16 * 1024);
            assertThat((long) got.length).as("bytes received = out= of the access log").isEqualTo(Peers.field(line, "out"));
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }
}
