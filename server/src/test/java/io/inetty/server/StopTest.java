package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V6_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping: ports released at once, connections drained (data first, then EOF) or force-closed. */
@Timeout(60)
class StopTest {
    private static final long BOUND_MS = 5_000;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdownPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @EachIoTransport
    void everyPortIsBindableRightAfterClose(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        InettyServer server = Inetty.builder().bind("127.0.0.1").bind("::1")
                .service(TestServices.echo("echo"), 0)
                .service(TestServices.greeter("hi", "hi\n"), 0)
                .transport(transport).threads(2).start();
        int echo = server.port("echo");
        int hi = server.port("hi");
        // Some traffic first, so accepted connections existed (client closes first: no TIME_WAIT on the server).
        Net.tcpEcho(V4_LOOPBACK, echo);
        Net.tcpEcho(V6_LOOPBACK, echo);
        Net.udpEchoConnected(V4_LOOPBACK, echo);
        server.close();
        assertThat(server.openConnections()).isZero();
        Net.assertAllBindable(echo);
        Net.assertTcpBindable(V4_LOOPBACK, hi);
        Net.assertTcpBindable(V6_LOOPBACK, hi);
        server.close(); // twice is fine
        server.stop();
        Net.assertAllBindable(echo);
    }

    @Test
    void wildcardPortsAreBindableRightAfterClose() throws Exception {
        InettyServer server = Inetty.builder().service(TestServices.echo("echo"), 0).threads(1).start();
        int port = server.port("echo");
        Net.tcpEcho(V4_LOOPBACK, port);
        server.close();
        Net.assertTcpBindable(Net.V4_ANY, port);
        Net.assertTcpBindable(Net.V6_ANY, port);
        Net.assertAllBindable(port);
    }

    @Test
    void concurrentCloseFromTwoThreads() throws Exception {
        InettyServer server = Inetty.builder().bind("127.0.0.1").bind("::1")
                .service(TestServices.greeter("hi", "hi\n"), 0).shutdownTimeout(Duration.ofMillis(300)).threads(2).start();
        int port = server.port("hi");
        try (Socket client = Net.connect(V4_LOOPBACK, port)) {
            Net.readExactly(client.getInputStream(), 3);
            CountDownLatch go = new CountDownLatch(1);
            Future<?> a = pool.submit(() -> {
                go.await();
                server.close();
                return null;
            });
            Future<?> b = pool.submit(() -> {
                go.await();
                server.close();
                return null;
            });
            go.countDown();
            a.get(BOUND_MS, TimeUnit.MILLISECONDS);
            b.get(BOUND_MS, TimeUnit.MILLISECONDS);
            assertThat(client.getInputStream().read()).as("EOF").isEqualTo(-1);
        }
        assertThat(server.openConnections()).isZero();
        Net.assertTcpBindable(V4_LOOPBACK, port);
        Net.assertTcpBindable(V6_LOOPBACK, port);
    }

    /** Mid-conversation: stop sends EOF after what was written; the client closes; stop does not wait the timeout. */
    @EachIoTransport
    void clientMidConversationGetsEofAndStopEndsWhenItCloses(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), Transport.TCP, 0)
                .shutdownTimeout(Duration.ofSeconds(30)).transport(transport).threads(1).start();
        try (Socket client = Net.connect(V4_LOOPBACK, server.port("echo"))) {
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write("one\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(Net.readExactly(in, 4)).isEqualTo("one\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(server.openConnections()).isEqualTo(1);

            long t0 = System.nanoTime();
            Future<?> stopping = pool.submit(server::stop);
            assertThat(in.read()).as("EOF after stop").isEqualTo(-1);
            client.close();
            stopping.get(BOUND_MS * 2, TimeUnit.MILLISECONDS);
            // The drain ended because the peer closed, long before the 30 s shutdown timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        } finally {
            server.close();
        }
        assertThat(server.openConnections()).isZero();
    }

    /** Everything the server had written before stop (more than socket buffers hold) arrives before EOF. */
    @EachIoTransport
    void pendingOutputIsDeliveredBeforeEof(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        int size = 8 * 1024 * 1024;
        InettyServer server = Inetty.builder().bind("::1").service(TestServices.bulk("bulk", size), 0)
                .shutdownTimeout(Duration.ofSeconds(30)).transport(transport).threads(1).start();
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(64 * 1024);
            client.setSoTimeout((int) Net.TIMEOUT_MS);
            client.connect(new java.net.InetSocketAddress(V6_LOOPBACK, server.port("bulk")), (int) Net.TIMEOUT_MS);
            InputStream in = client.getInputStream();
            byte[] head = Net.readExactly(in, 1000); // the server has written (and is still writing)
            Future<?> stopping = pool.submit(server::stop);
            byte[] rest = Net.readToEof(in);
            assertThat(head.length + rest.length).isEqualTo(size);
            for (int i = 0; i < head.length; i++) {
                if (head[i] != TestServices.pattern(i)) {
                    fail("byte " + i + " differs");
                }
            }
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] != TestServices.pattern(head.length + i)) {
                    fail("byte " + (head.length + i) + " differs");
                }
            }
            client.close();
            stopping.get(BOUND_MS * 2, TimeUnit.MILLISECONDS);
        } finally {
            server.close();
        }
    }

    /** A client that never closes: EOF at once, force-closed after the shutdown timeout, stop returns. */
    @EachIoTransport
    void clientThatNeverClosesIsForceClosedAfterTheTimeout(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.greeter("hi", "hello\n"), 0)
                .shutdownTimeout(Duration.ofMillis(300)).transport(transport).threads(1).start();
        try (Socket client = Net.connect(V4_LOOPBACK, server.port("hi"))) {
            InputStream in = client.getInputStream();
            assertThat(Net.readExactly(in, 6)).isEqualTo("hello\n".getBytes(StandardCharsets.US_ASCII));

            long t0 = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop, pool);
            assertThat(in.read()).as("EOF (output shut down) while draining").isEqualTo(-1);
            stopping.get(BOUND_MS, TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(BOUND_MS));
            assertThat(server.openConnections()).isZero();
            assertConnectionClosedByServer(client);
        } finally {
            server.close();
        }
    }

    /** A peer that half-closes gets every reply, then EOF; the server closes the connection. */
    @EachIoTransport
    void halfClosingPeerGetsAllRepliesThenEof(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), Transport.TCP, 0)
                .transport(transport).threads(1).start();
             Socket client = Net.connect(V4_LOOPBACK, server.port("echo"))) {
            byte[] data = TestServices.patternBytes(2 * 1024 * 1024);
            Future<?> writer = pool.submit(() -> {
                OutputStream out = client.getOutputStream();
                for (int off = 0; off < data.length; off += 8192) {
                    out.write(data, off, 8192);
                }
                client.shutdownOutput();
                return null;
            });
            byte[] echoed = Net.readToEof(client.getInputStream());
            writer.get(BOUND_MS, TimeUnit.MILLISECONDS);
            assertThat(echoed.length).isEqualTo(data.length);
            assertThat(echoed).isEqualTo(data);
            waitUntil(() -> server.openConnections() == 0, "server closes the half-closed connection");
        }
    }

    /** Stop while a half-closed peer still waits for replies: they arrive, then EOF. */
    @Test
    void stopAfterPeerHalfClosedDeliversRepliesThenEof() throws Exception {
        // A small send buffer on the server's side of each connection, so that replies the client has not read
        // queue in the server (its outbound buffer), not only in the kernel: the drain must flush them.
        PipelineContributor smallSendBuffer = new PipelineContributor() {
            @Override
            public Stages.Slot slot() {
                return Stages.Slot.FAULTS;
            }

            @Override
            public void configureTcp(Endpoint endpoint, io.netty.channel.ChannelPipeline pipeline) {
                pipeline.channel().config().setOption(io.netty.channel.ChannelOption.SO_SNDBUF, 8 * 1024);
            }
        };
        InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), Transport.TCP, 0)
                .pipeline(smallSendBuffer).shutdownTimeout(Duration.ofSeconds(30)).threads(1).start();
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(32 * 1024);
            client.setSoTimeout((int) Net.TIMEOUT_MS);
            client.connect(new java.net.InetSocketAddress(V4_LOOPBACK, server.port("echo")), (int) Net.TIMEOUT_MS);
            byte[] data = TestServices.patternBytes(256 * 1024);
            client.getOutputStream().write(data, 0, 1024);
            byte[] first = Net.readExactly(client.getInputStream(), 1024);
            Future<?> writer = pool.submit(() -> {
                client.getOutputStream().write(data, 1024, data.length - 1024);
                client.shutdownOutput();
                return null;
            });
            writer.get(BOUND_MS, TimeUnit.MILLISECONDS);
            // Wait until the server has echoed at least 32 KiB more (the live counters show it): the client has not
            // read them, so they are queued in the server and the kernel; stop now.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
            while (server.metrics().snapshot().of("echo", Transport.TCP).bytesOut() < 1024 + 32 * 1024
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Future<?> stopping = pool.submit(server::stop);
            byte[] rest = Net.readToEof(client.getInputStream());
            stopping.get(BOUND_MS * 2, TimeUnit.MILLISECONDS);
            // Input still unread by the server when the drain began is dropped; everything it had echoed (at
            // least the write buffer's worth, queued behind the client's small receive buffer) arrives intact and
            // in order before EOF.
            long echoed = server.metrics().snapshot().of("echo", Transport.TCP).bytesOut();
            assertThat(rest.length).as("the queued replies").isGreaterThanOrEqualTo(32 * 1024);
            assertThat((long) first.length + rest.length).as("all that was echoed").isEqualTo(echoed)
                    .isLessThanOrEqualTo(data.length);
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] != data[1024 + i]) {
                    fail("byte " + (1024 + i) + " differs");
                }
            }
        } finally {
            server.close();
        }
    }

    /**
     * NIO, two loops: a connection accepted while its loop is busy is registered only after the stop has looked
     * at the open connections; it must still be drained (counted "shutdown"), not closed by the loops' shutdown
     * and counted "done".
     */
    @Test
    void aConnectionStillQueuedForItsLoopWhenTheStopBeginsIsDrained() throws Exception {
        InettyServer server = Inetty.builder().bind("127.0.0.1")
                .service(TestServices.greeter("hi", "hi\n"), Transport.TCP, 0)
                .transport(IoTransport.NIO).threads(2).shutdownTimeout(Duration.ofSeconds(5))
                .udp(UdpPolicy.OFF) // no budget sweep: nothing else takes a loop from the group's round robin
                .start();
        CountDownLatch release = new CountDownLatch(1);
        try (Socket client = new Socket()) {
            // The listener took the group's first loop; the first accepted connection goes to the second.
            java.util.Iterator<io.netty.util.concurrent.EventExecutor> loops = server.eventLoopGroup().iterator();
            loops.next();
            loops.next().execute(() -> {
                try {
                    release.await(BOUND_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            client.setSoTimeout((int) Net.TIMEOUT_MS);
            client.connect(new java.net.InetSocketAddress(V4_LOOPBACK, server.port("hi")), (int) Net.TIMEOUT_MS);
            Thread.sleep(200); // accepted by the first loop; its registration waits on the busy second loop
            Future<?> stopping = pool.submit(server::stop);
            Thread.sleep(300);
            release.countDown();
            assertThat(client.getInputStream().read()).as("drained: EOF, never served").isEqualTo(-1);
            client.close(); // the drain ends when the peer closes
            stopping.get(BOUND_MS, TimeUnit.MILLISECONDS);
            assertThat(server.metrics().count(CloseReason.SHUTDOWN)).isEqualTo(1);
            assertThat(server.metrics().count(CloseReason.DONE)).isZero();
        } finally {
            release.countDown();
            server.close();
        }
    }

    /** After close() returns no thread of the server remains (thread-leak checkers run right after a test). */
    @Test
    void noThreadOfTheServerOutlivesClose() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (InettyServer server = Inetty.builder().bindWildcard().service(TestServices.echo("echo"), 0).threads(2)
                .start(); Socket client = Net.connect(V4_LOOPBACK, server.port("echo"))) {
            client.getOutputStream().write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);
        }
        java.util.List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive()).map(Thread::getName).toList();
        assertThat(left).as("threads started by the server and still alive").isEmpty();
    }

    private static void assertConnectionClosedByServer(Socket client) throws InterruptedException {
        // Writing to a socket the peer has closed draws a reset; a later write or read then fails.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        try {
            OutputStream out = client.getOutputStream();
            while (System.nanoTime() < deadline) {
                out.write('x');
                out.flush();
                Thread.sleep(20);
            }
        } catch (IOException expected) {
            return;
        }
        fail("the server did not close the connection after the shutdown timeout");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out: " + what);
            }
            Thread.sleep(10);
        }
    }
}
