package io.inetty.relay;

import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.connect;
import static io.inetty.server.Net.readExactly;
import static io.inetty.server.Net.readToEof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.faults.Fault;
import io.inetty.faults.Faults;
import io.inetty.server.AccessPolicy;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.TestServices;
import io.inetty.server.Transport;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TCP relay on real sockets: forwarding, half-close both ways, backpressure, refused upstream, faults. */
class TcpRelayTest {
    private InettyServer server;
    private ServerSocket upstream;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private int relayTo(String target, Faults faults) {
        Inetty.Builder b = Inetty.builder().service(Relay.tcp("db", target), 0);
        if (faults != null) {
            b.pipeline(faults);
        }
        server = b.start();
        return server.port("db", Transport.TCP);
    }

    private String upstreamAddress() throws IOException {
        upstream = new ServerSocket(0, 50, V4_LOOPBACK);
        return "127.0.0.1:" + upstream.getLocalPort();
    }

    private Socket accept() throws IOException {
        upstream.setSoTimeout(5000);
        Socket s = upstream.accept();
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void forwardsToAnotherServiceWithItsFaults() throws IOException {
        try (InettyServer echo = Inetty.builder().service(TestServices.echo("echo", Transport.TCP), 0).start()) {
            Faults faults = Faults.create();
            int port = relayTo("127.0.0.1:" + echo.port("echo"), faults);
            faults.faults("db", Transport.TCP).add(Fault.latency(Duration.ofMillis(150)));
            try (Socket s = connect(V4_LOOPBACK, port)) {
                long t0 = System.nanoTime();
                s.getOutputStream().write(ascii("ping"));
                assertThat(readExactly(s.getInputStream(), 4)).isEqualTo(ascii("ping"));
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(150);
            }
        }
    }

    /** Either side's half-close reaches the other, which may still send: the relay carries both directions' ends. */
    @ParameterizedTest(name = "the {0} half-closes first")
    @CsvSource({"client, request, reply", "upstream, banner, late"})
    void aHalfCloseReachesTheOtherSideWhichMayStillSend(String first, String sent, String answer) throws Exception {
        int port = relayTo(upstreamAddress(), null);
        try (Socket client = connect(V4_LOOPBACK, port); Socket up = accept()) {
            boolean clientFirst = first.equals("client");
            sendThenHalfClose(clientFirst ? client : up, sent, clientFirst ? up : client);
            sendThenHalfClose(clientFirst ? up : client, answer, clientFirst ? client : up);
        }
    }

    /** {@code from} sends {@code text} and shuts its output down; {@code to} reads exactly that, then EOF. */
    private static void sendThenHalfClose(Socket from, String text, Socket to) throws IOException {
        from.getOutputStream().write(ascii(text));
        from.shutdownOutput();
        assertThat(readToEof(to.getInputStream())).as("'%s', then EOF", text).isEqualTo(ascii(text));
    }

    @Test
    void aRefusedUpstreamResetsTheClient() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, V4_LOOPBACK)) {
            dead = s.getLocalPort();
        }
        int port = relayTo("127.0.0.1:" + dead, null);
        // The reset may come before connect() has returned (a busy machine): then connect() reports it.
        assertThatThrownBy(() -> {
            try (Socket client = connect(V4_LOOPBACK, port)) {
                client.getInputStream().read();
            }
        }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }

    @Test
    void accessRulesApplyToRelays() throws IOException {
        server = Inetty.builder().service(Relay.tcp("db", upstreamAddress()), 0)
                .access(AccessPolicy.of(java.util.List.of(), java.util.List.of("127.0.0.0/8"))).start();
        try (Socket client = connect(V4_LOOPBACK, server.port("db"))) {
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void memoryStaysBoundedWhenTheClientNeverReads() throws Exception {
        memoryStaysBoundedWhenOneSideNeverReads(true);
    }

    @Test
    void memoryStaysBoundedWhenTheUpstreamNeverReads() throws Exception {
        memoryStaysBoundedWhenOneSideNeverReads(false);
    }

    /** One side streams for 3 s, the other never reads: the writer is stopped and the server's memory stays put. */
    private void memoryStaysBoundedWhenOneSideNeverReads(boolean upstreamWrites) throws Exception {
        int port = relayTo(upstreamAddress(), null);
        AtomicLong written = new AtomicLong();
        try (Socket client = connect(V4_LOOPBACK, port); Socket up = accept()) {
            Socket writer = upstreamWrites ? up : client;
            long before = used();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> stream(writer, written));
            Thread.sleep(3000);
            assertThat(written.get()).as("the writer is stopped, not buffered").isLessThan(32L << 20);
            assertThat(used() - before).as("allocator growth").isLessThan(64L << 20);
            writer.close();
            writing.get(5, TimeUnit.SECONDS);
        }
    }

    /** Writes until the socket fails (closed by the test). */
    private static void stream(Socket s, AtomicLong written) {
        byte[] chunk = new byte[64 << 10];
        try {
            OutputStream out = s.getOutputStream();
            while (true) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // closed: done
        }
    }

    /** Bytes in use by Netty's default allocator and the direct memory Netty counts. */
    private static long used() {
        ByteBufAllocatorMetric m = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return m.usedHeapMemory() + m.usedDirectMemory() + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    @Test
    void theUpstreamIsClosedWhenTheClientGoes() throws Exception {
        int port = relayTo(upstreamAddress(), null);
        Socket client = connect(V4_LOOPBACK, port);
        try (Socket up = accept()) {
            client.close();
            assertThat(up.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aRelayNeedsAWellFormedNameAndUpstream() {
        assertThatThrownBy(() -> Relay.tcp("db", "localhost")).hasMessageStartingWith("upstream: 'localhost' (expected: HOST:PORT");
        assertThatThrownBy(() -> Relay.tcp("db", "::1:80")).hasMessageStartingWith("upstream: '::1:80'");
        assertThatThrownBy(() -> Relay.tcp("db", "host:0")).hasMessageStartingWith("upstream: 'host:0'");
        assertThatThrownBy(() -> Relay.tcp("db", "host:http")).hasMessageStartingWith("upstream: 'host:http'");
        assertThatThrownBy(() -> Relay.tcp("d/b", "host:1")).hasMessageStartingWith("name: 'd/b'");
        assertThat(Relay.both("db", "[::1]:5432").upstream()).isEqualTo("[::1]:5432");
        assertThat(Relay.udp("db", "example.com:53").transports()).containsExactly(Transport.UDP);
        assertThat(new InetSocketAddress(0).getPort()).isZero();
    }
}
