package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static io.inetty.it.Peers.serveOnLoopback;
import static io.inetty.it.Wire.assertChargen;
import static io.inetty.it.Wire.readExactly;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM and SIGINT: a graceful stop with exit code 0, ports released, connections drained with EOF. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownTest {

    @Test
    void sigtermExitsZeroAndReleasesEveryPort() throws Exception {
        List<Endpoint> endpoints;
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "::1",
                "--service", "echo:0", "--service", "discard:0", "--service", "chargen:0",
                "--service", "qotd:0", "--service", "daytime:0", "--service", "time:0")) {
            endpoints = inetty.endpoints();
            assertThat(endpoints).hasSize(24);
            // A connection the server closes first (its side then waits in TIME_WAIT).
            try (Socket s = connect(at("127.0.0.1", inetty.port("daytime", "tcp")))) {
                assertThat(s.getInputStream().readAllBytes()).isNotEmpty();
            }
            assertThat(inetty.stop()).as("exit code: %s", inetty.describe()).isZero();
            assertThat(inetty.stderr()).doesNotContain("\tat ", "Exception in thread");
        }
        for (Endpoint e : endpoints) {
            if (e.transport().equals("tcp")) {
                try (ServerSocket again = new ServerSocket()) {
                    again.bind(e.address());
                    assertThat(again.getLocalPort()).isEqualTo(e.port());
                }
            } else {
                try (DatagramSocket again = new DatagramSocket(e.address())) {
                    assertThat(again.getLocalPort()).isEqualTo(e.port());
                }
            }
        }
    }

    @Test
    void sigintExitsZero() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo:0")) {
            inetty.signal("INT");
            assertThat(inetty.waitForExit(Duration.ofSeconds(15))).as(inetty.describe()).isEqualTo(0);
        }
    }

    @Test
    void echoClientConnectedAtSigtermReceivesEof() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("echo/tcp");
             Socket client = connect(at("127.0.0.1", inetty.port("echo", "tcp")))) {
            client.getOutputStream().write("before\n".getBytes(US_ASCII));
            assertThat(new String(readExactly(client.getInputStream(), 7), US_ASCII)).isEqualTo("before\n");

            inetty.sigterm();
            assertThat(client.getInputStream().read()).as("EOF after SIGTERM").isEqualTo(-1);
            client.close();
            assertThat(inetty.waitForExit(Duration.ofSeconds(10))).as(inetty.describe()).isEqualTo(0);
        }
    }

    @Test
    void chargenClientMidStreamReceivesEof() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "::1", "--service", "chargen/tcp:0");
             Socket client = connect(at("::1", inetty.port("chargen", "tcp")))) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.write(readExactly(in, 100_000));

            inetty.sigterm();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) != -1) {
                stream.write(buf, 0, n);
                assertThat(System.nanoTime()).as("EOF within 10 s of SIGTERM (read %d bytes)", stream.size())
                        .isLessThan(deadline);
            }
            // What was sent before the EOF is still the pattern, unbroken.
            assertChargen(stream.toByteArray(), true);
            client.close();
            assertThat(inetty.waitForExit(Duration.ofSeconds(10))).as(inetty.describe()).isEqualTo(0);
        }
    }

    @Test
    void shutdownTimeoutBoundsTheStopWhenAClientNeverCloses() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("echo/tcp", "--shutdown-timeout", "500ms");
             Socket client = echoedOnce(inetty)) {

            long start = System.nanoTime();
            inetty.sigterm();
            Integer code = inetty.waitForExit(Duration.ofSeconds(15));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(code).as(inetty.describe()).isEqualTo(0);
            // It waits for the client (which never closes) for the timeout, then closes: 0.5 s, not 5 s.
            assertThat(millis).as("time from SIGTERM to exit, ms").isBetween(450L, 4500L);
            assertThat(client.getInputStream().read()).as("EOF").isEqualTo(-1);
            assertEventuallyClosed(client);
        }
    }

    @Test
    void secondSigtermStopsAtOnceWith143() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("echo/tcp", "--shutdown-timeout", "60s");
             Socket client = echoedOnce(inetty)) {

            inetty.sigterm();
            // The drain has begun (EOF) and waits up to 60 s for this client, which does not close.
            assertThat(client.getInputStream().read()).as("EOF").isEqualTo(-1);
            assertThat(inetty.waitForExit(Duration.ofMillis(300))).as("still draining").isNull();
            inetty.sigterm();
            assertThat(inetty.waitForExit(Duration.ofSeconds(10))).as(inetty.describe()).isEqualTo(128 + 15);
        }
    }

    /** A client of the daemon's echo/tcp that has had one byte echoed: the connection is fully set up. */
    private static Socket echoedOnce(InettyProcess inetty) throws IOException {
        Socket client = connect(at("127.0.0.1", inetty.port("echo", "tcp")));
        try {
            client.getOutputStream().write('x');
            assertThat(client.getInputStream().read()).isEqualTo('x');
            return client;
        } catch (IOException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** After the drain's EOF, the server closed the connection: a write eventually fails. */
    private static void assertEventuallyClosed(Socket client) {
        try {
            for (int i = 0; i < 50; i++) {
                client.getOutputStream().write(new byte[1024]);
                Thread.sleep(20);
            }
        } catch (IOException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        throw new AssertionError("the server did not close the connection");
    }
}
