package io.inetty.junit;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A benchmark, not a test (run by {@code bench/junit-start}): how long an extension-managed server takes to start
 * and to stop in a warm JVM, measured inside JUnit's own lifecycle. Each measurement runs {@value #RUNS} tests with a
 * per-test server (an instance field); {@link Around} reads the clock just before and just after the extension's
 * beforeEach (start) and afterEach (stop). The first {@value #WARMUP} are left out.
 */
public final class StartBenchmark {
    static final int RUNS = 1200;
    static final int WARMUP = 200;
    static final Queue<long[]> times = new ConcurrentLinkedQueue<>();
    /** The services of the next run (none: the default, all six); this main runs one fixture at a time. */
    static volatile List<Service> services = List.of();

    private StartBenchmark() {
    }

    public static void main(String[] args) {
        System.out.printf("## Extension-managed server, start and stop in a warm JVM (median of %d, after %d; %d CPUs;"
                + " %s)%n%n", RUNS - WARMUP, WARMUP, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        measure("echo (TCP+UDP, 127.0.0.1 and ::1: 4 sockets)", List.of(Services.ECHO));
        measure("every service, the default: " + Services.all().size() + " (TCP+UDP, 127.0.0.1 and ::1)", List.of());
    }

    private static void measure(String label, List<Service> chosen) {
        times.clear();
        services = chosen;
        Fixtures.run(Map.of(), PerTestServer.class).testEvents().assertStatistics(s -> s.succeeded(RUNS));
        long[][] all = times.toArray(new long[0][]);
        long[] start = Arrays.stream(all).skip(WARMUP).mapToLong(t -> t[0]).sorted().toArray();
        long[] stop = Arrays.stream(all).skip(WARMUP).mapToLong(t -> t[1]).sorted().toArray();
        System.out.printf("- %s: start median %.2f ms (p90 %.2f), stop median %.2f ms (p90 %.2f)%n", label,
                ms(start, 50), ms(start, 90), ms(stop, 50), ms(stop, 90));
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    /**
     * Reads the clock around the callbacks of the extension registered between two of these: the first one's
     * beforeEach and afterEach run before and after the extension's, the second one's just inside them.
     */
    static final class Around implements BeforeEachCallback, AfterEachCallback {
        private final boolean first;
        private final long[] clock;

        Around(boolean first, long[] clock) {
            this.first = first;
            this.clock = clock;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            clock[first ? 0 : 1] = System.nanoTime();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (!first) {
                clock[2] = System.nanoTime();
                return;
            }
            times.add(new long[] {clock[1] - clock[0], System.nanoTime() - clock[2]});
        }
    }

    @Fixtures.Fixture
    static class PerTestServer {
        final long[] clock = new long[3];
        @RegisterExtension
        @Order(1)
        final Around before = new Around(true, clock);
        @RegisterExtension
        @Order(2)
        final InettyExtension inetty = services.stream().reduce(InettyExtension.builder(), InettyExtension.Builder::service,
                (x, y) -> x).build();
        @RegisterExtension
        @Order(3)
        final Around after = new Around(false, clock);

        @RepeatedTest(RUNS)
        void test() {
        }
    }
}
