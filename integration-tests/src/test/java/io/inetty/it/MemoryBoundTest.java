package io.inetty.it;

import static io.inetty.it.Peers.MIB;
import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static io.inetty.it.Peers.field;
import static io.inetty.it.Wire.assertChargen;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backpressure as the daemon's resident memory shows it (VmRSS of /proc/PID/status): a peer that sends
 * echo data and never reads, or reads chargen slowly, costs a bounded amount, whatever it sends.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MemoryBoundTest {
    /** A fixed heap cap, so heap growth cannot hide in a large default heap. */
    private static final List<String> JVM = List.of("-Xmx256m");
    /** Generous: JIT, GC and allocator noise of a JVM included. */
    private static final long MAX_GROWTH_KIB = 32 * 1024;
    private static final long GIB = 1024L * MIB;

    @Test
    void oneNonReadingEchoClient() throws Exception {
        nonReadingEchoClients(1);
    }

    @Test
    void eightNonReadingEchoClients() throws Exception {
        nonReadingEchoClients(8);
    }

    private static void nonReadingEchoClients(int clients) throws Exception {
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(JVM, "--bind", "127.0.0.1",
                "--service", "echo/tcp:0")) {
            InetSocketAddress echo = at("127.0.0.1", inetty.port("echo", "tcp"));
            warmUpEcho(echo);
            long before = inetty.rssKiB();

            List<Socket> sockets = new ArrayList<>();
            List<AtomicLong> written = new ArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Socket s = connect(echo);
                AtomicLong n = new AtomicLong();
                sockets.add(s);
                written.add(n);
                Thread t = new Thread(() -> writeUntilBlockedOrClosed(s, n, GIB), "non-reading-writer-" + i);
                t.setDaemon(true);
                writers.add(t);
            }
            writers.forEach(Thread::start);

            // Until every writer has been blocked for 3 s (or has written 1 GiB), watching the daemon's RSS.
            long peak = before;
            long lastTotal = -1;
            long lastProgress = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                peak = Math.max(peak, inetty.rssKiB());
                long total = written.stream().mapToLong(AtomicLong::get).sum();
                if (total != lastTotal) {
                    lastTotal = total;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(3)) {
                    break;
                }
                if (writers.stream().noneMatch(Thread::isAlive)) {
                    break;
                }
            }
            long blocked = inetty.rssKiB();
            peak = Math.max(peak, blocked);
            long sent = written.stream().mapToLong(AtomicLong::get).sum();
            List<Integer> ports = sockets.stream().map(Socket::getLocalPort).toList();
            // Closing with unread data resets the connections; the writers' blocked writes fail.
            sockets.forEach(Peers::closeQuietly);
            for (Thread t : writers) {
                t.join(10_000);
            }

            // The server's side: what it read from each client, per its access-log line.
            long serverIn = 0;
            for (int port : ports) {
                String line = inetty.awaitStderrLine("tcp echo peer=127.0.0.1:" + port + " ", Duration.ofSeconds(10));
                serverIn += field(line, "in");
            }
            System.out.printf("[memory] %d non-reading echo client(s): VmRSS before %d KiB, peak %d KiB, while blocked"
                            + " %d KiB, delta(peak) %+d KiB; clients wrote %d B (%.1f MiB) before blocking, server read"
                            + " in=%d B (%.1f MiB), of 1 GiB attempted per client%n", clients, before, peak, blocked,
                    peak - before, sent, sent / (double) MIB, serverIn, serverIn / (double) MIB);

            assertThat(written).as("every client blocked before 1 GiB").allSatisfy(n -> assertThat(n.get()).isLessThan(GIB));
            assertThat(serverIn).as("bytes the server read").isLessThanOrEqualTo(sent)
                    .isLessThan(64L * MIB * clients);
            assertThat(peak - before).as("VmRSS growth, KiB (before %d, peak %d)", before, peak)
                    .isLessThan(MAX_GROWTH_KIB);
            assertThat(inetty.process().isAlive()).isTrue();
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }

    /** Writes 64 KiB chunks until {@code limit} or until the socket is closed under the blocked write. */
    private static void writeUntilBlockedOrClosed(Socket s, AtomicLong written, long limit) {
        byte[] chunk = Wire.random(64 * 1024, 862);
        try {
            OutputStream out = s.getOutputStream();
            while (written.get() < limit) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException expected) {
            // closed by the test while blocked
        }
    }

    /** Runs the echo path (and its JIT and buffer pools) before the baseline is taken. */
    private static void warmUpEcho(InetSocketAddress echo) throws Exception {
        byte[] data = Wire.random(4 * MIB, 7);
        for (int round = 0; round < 2; round++) {
            try (Socket s = connect(echo)) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        s.getOutputStream().write(data);
                        s.shutdownOutput();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                byte[] back = Wire.readToEof(s.getInputStream(), data.length);
                writer.get(30, TimeUnit.SECONDS);
                assertThat(back).isEqualTo(data);
            }
        }
        Thread.sleep(300);
    }

    @Test
    void slowChargenReader() throws Exception {
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(JVM, "--bind", "127.0.0.1",
                "--service", "chargen/tcp:0")) {
            InetSocketAddress chargen = at("127.0.0.1", inetty.port("chargen", "tcp"));
            // Warm-up: a fast reader.
            try (Socket s = connect(chargen)) {
                assertChargen(Wire.readExactly(s.getInputStream(), 4 * MIB), true);
            }
            Thread.sleep(300);
            long before = inetty.rssKiB();
            long peak = before;
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int localPort;
            try (Socket s = connect(chargen)) {
                localPort = s.getLocalPort();
                InputStream in = s.getInputStream();
                for (int i = 0; i < 30; i++) {
                    got.write(Wire.readExactly(in, 1024));
                    Thread.sleep(100);
                    peak = Math.max(peak, inetty.rssKiB());
                }
            }
            long after = inetty.rssKiB();
            String line = inetty.awaitStderrLine("tcp chargen peer=127.0.0.1:" + localPort + " ", Duration.ofSeconds(10));
            long serverOut = field(line, "out");
            System.out.printf("[memory] slow chargen reader (1 KiB/100 ms, 3 s): VmRSS before %d KiB, peak %d KiB,"
                            + " after %d KiB, delta(peak) %+d KiB; client read %d B, server wrote out=%d B (%.1f MiB)%n",
                    before, peak, after, peak - before, got.size(), serverOut, serverOut / (double) MIB);
            assertChargen(got.toByteArray(), true);
            assertThat(peak - before).as("VmRSS growth, KiB (before %d, peak %d)", before, peak)
                    .isLessThan(MAX_GROWTH_KIB);
            // What the server wrote is bounded by the socket buffers plus one high-water mark, not by time.
            assertThat(serverOut).as("bytes the server wrote to a slow reader").isLessThan(64L * MIB);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }
}
