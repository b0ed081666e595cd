package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits and access control against real sockets: a refused connection gets EOF before any byte. */
@Timeout(60)
class LimitsSocketTest {

    private static final int GREETING = '!';
    private static final int EOF = -1;

    /** The clients' sockets, open until the test ends (an open connection holds its slot). */
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
    }

    /** Greets each connection with one byte and keeps it open. */
    private static InettyServer start(Limits limits, AccessPolicy access) {
        return Inetty.builder().bind("127.0.0.1").service(TestServices.greeter("hello", "!"), 0).threads(1)
                .limits(limits).access(access).start();
    }

    /** Connects to the server once from each of {@code sources} in turn, keeping the connections; their first bytes. */
    private List<Integer> firstBytes(InettyServer server, String... sources) throws IOException {
        List<Integer> got = new ArrayList<>();
        for (String source : sources) {
            Socket s = new Socket();
            clients.add(s);
            got.add(firstByte(s, source, server.port("hello")));
        }
        return got;
    }

    /** Connects from {@code source} and returns the first byte, or -1 at EOF. */
    private static int firstByte(Socket s, String source, int port) throws IOException {
        s.bind(new InetSocketAddress(source, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("neither a greeting nor EOF within 5 s", e);
        } catch (IOException e) {
            return -1; // reset: refused as well
        }
    }

    @Test
    void totalLimitRefusesTheNextConnection() throws Exception {
        try (InettyServer server = start(Limits.builder().maxConnections(2).build(), AccessPolicy.OPEN)) {
            assertThat(firstBytes(server, "127.0.0.1", "127.0.0.1", "127.0.0.1")).containsExactly(GREETING, GREETING, EOF);
            assertThat(server.metrics().count(CloseReason.MAX_CONNECTIONS)).isEqualTo(1);
            clients.get(0).close();
            // The slot frees once the server has seen the close.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.metrics().openConnections() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(firstBytes(server, "127.0.0.1")).containsExactly(GREETING);
        }
    }

    @Test
    void perAddressLimitCountsEachSourceApart() throws Exception {
        try (InettyServer server = start(Limits.builder().maxConnectionsPerIp(1).build(), AccessPolicy.OPEN)) {
            assertThat(firstBytes(server, "127.0.0.1", "127.0.0.1", "127.0.0.2")).containsExactly(GREETING, EOF, GREETING);
            assertThat(server.metrics().count(CloseReason.MAX_CONNECTIONS_PER_IP)).isEqualTo(1);
        }
    }

    @Test
    void acceptRateLimitHolds() throws Exception {
        try (InettyServer server = start(Limits.builder().maxAcceptRate(5).build(), AccessPolicy.OPEN)) {
            int port = server.port("hello");
            List<Integer> got = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket()) {
                    got.add(firstByte(s, "127.0.0.1", port));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long served = got.stream().filter(b -> b == '!').count();
            // 5 of burst plus 5 per second elapsed, never more.
            assertThat(served).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(5 + (long) Math.ceil(5 * seconds));
            assertThat(server.metrics().count(CloseReason.MAX_ACCEPT_RATE)).isEqualTo(20 - served);
        }
    }

    @Test
    void denyAndAllowBySourceAddress() throws Exception {
        try (InettyServer server = start(Limits.NONE, AccessPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.2")))) {
            assertThat(firstBytes(server, "127.0.0.1", "127.0.0.2")).containsExactly(GREETING, EOF);
            assertThat(server.metrics().count(CloseReason.DENIED)).isEqualTo(1);
        }
    }

    @Test
    void idleTimeoutCloses() throws Exception {
        try (InettyServer server = start(Limits.builder().idleTimeout(Duration.ofMillis(200)).build(), AccessPolicy.OPEN)) {
            assertThat(firstBytes(server, "127.0.0.1")).containsExactly(GREETING);
            long t0 = System.nanoTime();
            assertThat(clients.get(0).getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(150);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.metrics().count(CloseReason.IDLE) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.metrics().count(CloseReason.IDLE)).isEqualTo(1);
        }
    }
}
