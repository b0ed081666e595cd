package io.inetty.faults;

import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V6_LOOPBACK;
import static io.inetty.server.Net.connect;
import static io.inetty.server.Net.readExactly;
import static io.inetty.server.Net.readToEof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.CloseReason;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.TestServices;
import io.inetty.server.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each TCP fault on real sockets, against a server's echo and bulk services. */
class TcpFaultsSocketTest {
    private static final int BULK = 600_000;
    private final Faults faults = Faults.create();
    private InettyServer server;
    private BindingFaults echo;
    private BindingFaults bulk;

    @BeforeEach
    void start() {
        server = Inetty.builder().service(TestServices.echo("echo", Transport.TCP), 0)
                .service(TestServices.bulk("bulk", BULK), 0).pipeline(faults).start();
        echo = Faults.of(server).faults("echo", Transport.TCP);
        bulk = faults.faults("bulk", Transport.TCP);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket echo() throws IOException {
        return connect(V4_LOOPBACK, server.port("echo"));
    }

    private static long roundTripMillis(Socket s) throws IOException {
        long t0 = System.nanoTime();
        s.getOutputStream().write('x');
        assertThat(s.getInputStream().read()).isEqualTo('x');
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void latencyDelaysRepliesAndAnUpdateReachesTheOpenConnection() throws IOException {
        FaultHandle h = echo.add(Fault.latency(Duration.ofMillis(200)));
        try (Socket s = echo()) {
            assertThat(roundTripMillis(s)).isBetween(200L, 1500L);
            h.update(Fault.latency(Duration.ofMillis(20)));
            assertThat(roundTripMillis(s)).isBetween(20L, 190L);
            h.close();
            assertThat(roundTripMillis(s)).isLessThan(190L);
        }
        try (Socket s = echo()) {
            assertThat(roundTripMillis(s)).as("no fault, no delay").isLessThan(190L);
        }
    }

    @Test
    void bandwidthCapsThroughput() throws IOException {
        bulk.add(Fault.bandwidth(400)); // 600 KB at 400 KB/s: 1.5 s
        try (Socket s = connect(V4_LOOPBACK, server.port("bulk"))) {
            long t0 = System.nanoTime();
            byte[] got = readExactly(s.getInputStream(), BULK);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(seconds).isBetween(1.5 * 0.9, 1.5 * 1.5);
            assertThat(got[BULK - 1]).isEqualTo(TestServices.pattern(BULK - 1));
        }
    }

    @Test
    void slicerDeliversEverythingInDelayedSlices() throws IOException {
        bulk.add(Fault.slicer(6000, 1000, Duration.ofMillis(2)).withSeed(1)); // about 100 slices, 2 ms apart
        try (Socket s = connect(V4_LOOPBACK, server.port("bulk"))) {
            long t0 = System.nanoTime();
            byte[] got = readExactly(s.getInputStream(), BULK);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(150);
            for (int i = 0; i < BULK; i += 9973) {
                assertThat(got[i]).isEqualTo(TestServices.pattern(i));
            }
        }
    }

    @Test
    void slowCloseDelaysTheEndAfterTheClientHalfCloses() throws IOException {
        echo.add(Fault.slowClose(Duration.ofMillis(400)));
        try (Socket s = echo()) {
            s.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            s.shutdownOutput();
            assertThat(new String(readToEof(s.getInputStream()), StandardCharsets.US_ASCII)).isEqualTo("bye");
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(400L, 2000L);
        }
    }

    @Test
    void timeoutDropsDataThenCloses() throws IOException {
        echo.add(Fault.timeout(Duration.ofMillis(300)));
        try (Socket s = echo()) {
            long t0 = System.nanoTime();
            s.getOutputStream().write("lost".getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEof(s.getInputStream())).isEmpty();
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 2000L);
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.metrics().count(CloseReason.FAULT) == 0 && System.nanoTime() < deadline) {
            sleep(5); // the server counts the close on its loop, just after the client's EOF
        }
        assertThat(server.metrics().count(CloseReason.FAULT)).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resetPeerGivesTheClientAResetNotAnEof() throws IOException {
        echo.add(Fault.resetPeer(Duration.ofMillis(100)));
        try (Socket s = echo()) {
            s.getOutputStream().write('x');
            InputStream in = s.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void limitDataIsExactToTheByteBothWays() throws IOException {
        bulk.add(Fault.limitData(12_345));
        try (Socket s = connect(V4_LOOPBACK, server.port("bulk"))) {
            assertThat(readToEof(s.getInputStream())).hasSize(12_345);
        }
        echo.add(Fault.limitData(10).withStream(Stream.UPSTREAM));
        try (Socket s = echo()) {
            s.getOutputStream().write(new byte[100]);
            assertThat(readToEof(s.getInputStream())).as("echo got 10 bytes, then the end of input").hasSize(10);
        }
    }

    @Test
    void fromTargetsOneFamilyByTheClientsAddress() throws IOException {
        echo.add(Fault.timeout(Duration.ZERO).withFrom("::1/128"));
        try (Socket s = echo()) {
            assertThat(roundTripMillis(s)).isLessThan(1000L);
        }
        try (Socket s = connect(V6_LOOPBACK, server.port("echo"))) {
            s.setSoTimeout(300);
            s.getOutputStream().write('x');
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
        }
        assertThat(faults.applied()).containsExactly(new Faults.Applied("echo", Transport.TCP, "timeout", 1));
    }
}
