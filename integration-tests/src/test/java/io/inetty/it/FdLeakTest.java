package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No file descriptor leak: after hundreds of connections held at once and thousands of short ones on
 * every TCP service (orderly closes, closes with unread data, resets), the daemon's /proc/PID/fd count
 * returns to its baseline.
 */
class FdLeakTest {
    private static final List<String> SERVICES = RobustnessTest.SERVICES;
    private static final int CONNECTIONS = 3000;
    private static final int THREADS = 6;
    /** Connections held open at once before the short ones, so the peak shows them. */
    private static final int HELD = 250;

    @Test
    void fdCountReturnsToBaselineAfter3000Connections() throws Exception {
        try (InettyProcess inetty = Peers.serveOnLoopback(SERVICES.stream().map(s -> s + "/tcp").toList())) {
            Map<String, InetSocketAddress> to = SERVICES.stream()
                    .collect(Collectors.toMap(Function.identity(), s -> at("127.0.0.1", inetty.port(s, "tcp"))));
            // Warm-up: one connection per service, so lazily opened files (classes, libraries) are in the baseline.
            for (int i = 0; i < SERVICES.size(); i++) {
                shortConnection(to, i, false);
            }
            inetty.awaitStderrLines(" peer=", SERVICES.size(), Duration.ofSeconds(10));
            int before = inetty.fdCount();

            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicInteger peak = new AtomicInteger(before);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    try {
                        peak.accumulateAndGet(inetty.fdCount(), Math::max);
                        Thread.sleep(5);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "fd-sampler");
            sampler.start();
            long start = System.nanoTime();
            // First HELD echo connections open at once, then closed (every other one with a reset).
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < HELD; i++) {
                    Socket s = connect(to.get("echo"));
                    held.add(s);
                    s.getOutputStream().write(i);
                }
                for (Socket s : held) {
                    assertThat(s.getInputStream().read()).isNotNegative();
                }
                peak.accumulateAndGet(inetty.fdCount(), Math::max);
            } finally {
                for (int i = 0; i < held.size(); i++) {
                    if (i % 2 == 0) {
                        Peers.reset(held.get(i));
                    } else {
                        held.get(i).close();
                    }
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    tasks.add(pool.submit(() -> {
                        for (int i = thread; i < CONNECTIONS; i += THREADS) {
                            shortConnection(to, i, i % 5 == 4);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : tasks) {
                    f.get(90, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            // Every connection has ended once each has its access-log line; then its descriptor must be gone.
            inetty.awaitStderrLines(" peer=", SERVICES.size() + HELD + CONNECTIONS, Duration.ofSeconds(20));
            int after = inetty.fdCount();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (after > before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                after = inetty.fdCount();
            }
            sampling.set(false);
            sampler.join(5000);
            System.out.printf("[fd] %d echo connections held at once, then %d short connections (%d threads, 6 services,"
                    + " every 5th reset) in %.1f s: fds before %d, peak %d, after %d%n", HELD, CONNECTIONS, THREADS,
                    seconds, before, peak.get(), after);
            assertThat(peak.get()).as("peak fd count with %d connections held", HELD).isGreaterThanOrEqualTo(before + HELD);
            assertThat(after).as("fd count after (before %d, peak %d)", before, peak.get()).isBetween(before - 2, before + 2);
            assertThat(inetty.process().isAlive()).isTrue();
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }

    /** One short exchange with service {@code i % 6}; ends with a reset if {@code reset}. */
    private static void shortConnection(Map<String, InetSocketAddress> to, int i, boolean reset) throws IOException {
        String service = SERVICES.get(i % SERVICES.size());
        Socket s = connect(to.get(service));
        try {
            InputStream in = s.getInputStream();
            switch (service) {
                case "echo" -> {
                    byte[] b = Wire.random(100, i);
                    s.getOutputStream().write(b);
                    assertThat(Wire.readExactly(in, 100)).isEqualTo(b);
                }
                case "discard" -> s.getOutputStream().write(new byte[1024]);
                case "chargen" -> Wire.readExactly(in, 1024); // then closed with unread data: a reset
                default -> {
                    if (!reset) {
                        assertThat(Wire.readToEof(in, 512)).isNotEmpty();
                    }
                }
            }
        } finally {
            if (reset) {
                Peers.reset(s);
            } else {
                s.close();
            }
        }
    }
}
