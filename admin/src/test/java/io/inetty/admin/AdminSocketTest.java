package io.inetty.admin;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.faults.Faults;
import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyException;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admin endpoint on real sockets: bind, bounds, slow clients, the drain, live metrics, and a clean close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminSocketTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    <T extends AutoCloseable> T closeLater(T c) {
        closing.add(c);
        return c;
    }

    InettyServer server(Duration drain) {
        return closeLater(Inetty.builder().bind("127.0.0.1").threads(2).shutdownTimeout(drain).pipeline(Faults.create())
                .service(Services.ECHO, 0).service(Services.CHARGEN, 0).start());
    }

    AdminServer admin(InettyServer server, AdminOptions.Builder options) {
        return closeLater(AdminServer.start(server, options.build()));
    }

    @Test
    void answersOnAnEphemeralPortAndClosesWithoutAThreadLeft() {
        InettyServer server = server(Duration.ofMillis(100));
        AdminServer admin = admin(server, AdminOptions.builder());
        assertThat(admin.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(admin.address().getPort()).isPositive();
        Http.Reply r = Http.get(admin.address(), "/livez");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
        assertThat(Http.get(admin.address(), "/endpoints").body()).contains("\"service\":\"chargen\"");
        admin.close();
        admin.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", admin.address().getPort()).close())
                .isInstanceOf(ConnectException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("inetty-admin"));
    }

    @Test
    void aPortInUseIsACouldNotStartFailureAndNothingStaysOpen() throws IOException {
        InettyServer server = server(Duration.ofMillis(100));
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> AdminServer.start(server,
                    AdminOptions.builder().address("127.0.0.1", taken.getLocalPort()).build()))
                    .isInstanceOf(InettyException.class)
                    .hasMessageStartingWith("admin: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("inetty-admin"));
    }

    @Test
    void connectionsBeyondTheBoundAreClosedAndTheAdminStillAnswers() throws Exception {
        InettyServer server = server(Duration.ofMillis(100));
        AdminServer admin = admin(server, AdminOptions.builder().maxConnections(8).requestTimeout(Duration.ofMinutes(1)));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                sockets.add(new Socket("127.0.0.1", admin.address().getPort()));
            }
            // Which 8 stay open depends on the order the event loops set the connections up, not on the connect order.
            List<Socket> open = new ArrayList<>();
            int closed = 0;
            for (Socket s : sockets) {
                s.setSoTimeout(1000);
                try {
                    closed += s.getInputStream().read() < 0 ? 1 : 0;
                } catch (java.net.SocketTimeoutException e) {
                    open.add(s);
                } catch (IOException e) {
                    closed++;
                }
            }
            assertThat(closed).as("connections beyond 8 are closed at accept").isEqualTo(12);
            assertThat(open).hasSize(8);
            Socket kept = open.get(0);
            kept.setSoTimeout(5000);
            kept.getOutputStream().write("GET /livez HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
            assertThat(new String(kept.getInputStream().readNBytes(12), US_ASCII)).isEqualTo("HTTP/1.1 200");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        awaitStatus(admin.address(), "/livez", 200);
    }

    @Test
    void aSlowlorisClientIsClosedAtTheRequestTimeout() throws Exception {
        InettyServer server = server(Duration.ofMillis(100));
        AdminServer admin = admin(server, AdminOptions.builder().requestTimeout(Duration.ofMillis(500)));
        try (Socket s = new Socket("127.0.0.1", admin.address().getPort())) {
            s.setSoTimeout(5000);
            long start = System.nanoTime();
            String partial = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    s.getOutputStream().write(partial.charAt(i % partial.length()));
                    s.getOutputStream().flush();
                    Thread.sleep(100);
                } catch (SocketException e) {
                    closed = true;
                }
                closed = closed || available(s) < 0;
            }
            assertThat(closed || readsEnd(s)).isTrue();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
        }
        assertThat(Http.get(admin.address(), "/livez").status()).isEqualTo(200);
    }

    @Test
    void aPipeliningClientThatNeverReadsIsCutOff() throws Exception {
        InettyServer server = server(Duration.ofMillis(100));
        AdminServer admin = admin(server, AdminOptions.builder());
        try (Socket s = new Socket("127.0.0.1", admin.address().getPort())) {
            s.setSoTimeout(10_000);
            s.setReceiveBufferSize(4096);
            byte[] many = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(500).getBytes(US_ASCII);
            try {
                s.getOutputStream().write(many);
            } catch (SocketException e) {
                // closed while writing: fine
            }
            Thread.sleep(500);
            long read = 0;
            try {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    read += n;
                }
            } catch (SocketException e) {
                // reset: the server closed with unread data
            }
            assertThat(read).as("at most the answers to the first requests").isLessThan(20L * 200_000);
        }
        assertThat(Http.get(admin.address(), "/livez").status()).isEqualTo(200);
    }

    @Test
    void readyzIs503WhileTheServerDrainsAndTheAdminClosesAfterIt() throws Exception {
        InettyServer server = server(Duration.ofSeconds(2));
        AdminServer admin = admin(server, AdminOptions.builder());
        assertThat(Http.get(admin.address(), "/readyz").status()).isEqualTo(200);
        try (Socket held = new Socket("127.0.0.1", server.port("echo", Transport.TCP))) {
            held.getOutputStream().write('x');
            awaitOpen(server, 1);
            CompletableFuture<Void> stop = CompletableFuture.runAsync(server::close);
            awaitStatus(admin.address(), "/readyz", 503);
            assertThat(Http.get(admin.address(), "/readyz").body()).isEqualTo("draining\n");
            assertThat(Http.get(admin.address(), "/livez").status()).isEqualTo(200);
            assertThat(Http.get(admin.address(), "/metrics").body())
                    .contains("inetty_connections_open{service=\"echo\",transport=\"tcp\"} 1");
            assertThat(stop).isNotDone();
            stop.get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", admin.address().getPort()).close())
                .isInstanceOf(ConnectException.class);
        admin.close();
    }

    @Test
    void metricsAreLiveWhileAChargenStreamRuns() throws Exception {
        InettyServer server = server(Duration.ofMillis(100));
        AdminServer admin = admin(server, AdminOptions.builder());
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", server.port("chargen", Transport.TCP)));
            s.getInputStream().readNBytes(100_000);
            double first = sentBytes(Http.get(admin.address(), "/metrics").body());
            // more than every socket buffer between the two can hold, so the server must have written more
            s.getInputStream().readNBytes(16 << 20);
            double second = sentBytes(Http.get(admin.address(), "/metrics").body());
            assertThat(first).isGreaterThanOrEqualTo(100_000);
            assertThat(second).as("the open stream's bytes show in the next scrape").isGreaterThan(first);
        }
    }

    static double sentBytes(String metrics) {
        Matcher m = Pattern.compile("inetty_sent_bytes_total\\{service=\"chargen\",transport=\"tcp\"} (\\S+)")
                .matcher(metrics);
        assertThat(m.find()).as(metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Whether the server ended the connection (an end of stream or a reset); false if it stays silent. */
    static boolean readsEnd(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static int available(Socket s) {
        try {
            return s.getInputStream().available();
        } catch (IOException e) {
            return -1;
        }
    }

    static void awaitStatus(InetSocketAddress at, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Http.get(at, path).status() != status) {
            assertThat(System.nanoTime()).as("%s answers %d within 5 s", path, status).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    static void awaitOpen(InettyServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() < n) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
