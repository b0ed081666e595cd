package io.inetty.junit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.faults.Fault;
import io.inetty.protocols.Services;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Parallel execution ({@code junit.jupiter.execution.parallel.enabled=true}): two classes of 8 tests each, all 16 at
 * the same moment, each test with its own per-test server and the per-class server both classes inherit.
 */
class ParallelTest {
    static final int AT_ONCE = 16;
    static final Queue<String> seen = new ConcurrentLinkedQueue<>();
    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();
    static volatile CountDownLatch together;

    @BeforeEach
    void reset() {
        seen.clear();
        running.set(0);
        mostAtOnce.set(0);
        together = new CountDownLatch(AT_ONCE);
    }

    @Test
    void sixteenTestsOfTwoClassesAllAtOnce() {
        Fixtures.run(Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "16"),
                        ClassA.class, ClassB.class)
                .testEvents().assertStatistics(s -> s.started(16).succeeded(16));
        assertThat(mostAtOnce).hasValueGreaterThanOrEqualTo(AT_ONCE);
        // per class: one server that both classes shared; per test: sixteen servers, every one on its own ports
        assertThat(seen.stream().filter(s -> s.startsWith("class ")).distinct()).hasSize(1);
        assertThat(seen.stream().filter(s -> s.startsWith("test ")).distinct()).hasSize(16);
        assertThatThrownBy(EightTests.perClass::server).as("stopped after both classes")
                .isInstanceOf(IllegalStateException.class);
    }

    /** What every test of both classes does, at once. */
    static void exercise(InettyExtension perClass, InettyExtension perTest, InettyEndpoints own, int n) throws Exception {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            together.countDown();
            ForkJoinPool.managedBlock(new Waiting(together));
            assertThat(together.getCount()).as(AT_ONCE + " tests at once").isZero();
            InettyServer shared = perClass.server();
            assertThat(own.server()).isSameAs(perTest.server()).isNotSameAs(shared);
            seen.add("class " + shared.port("echo", Transport.TCP));
            seen.add("test " + own.tcp("echo").getPort() + " " + own.udp("echo").getPort());
            // a fault on this test's own server is seen by nobody else
            perTest.faults("echo", Transport.TCP).add(Fault.latency(Duration.ofMillis(n)).withName("mine"));
            assertThat(perTest.faults("echo", Transport.TCP).list()).extracting(Fault::name).containsExactly("mine");
            String text = "test " + n + "\n";
            assertThat(Clients.tcp(own.tcp("echo"), text)).isEqualTo(text);
            assertThat(Clients.tcp(perClass.endpoints().tcp("echo"), text)).isEqualTo(text);
            assertThat(new String(Clients.udp(perClass.endpoints().udp("echo"), text), US_ASCII)).isEqualTo(text);
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * Waits (at most 30 s) for the others, telling JUnit's fork-join pool that this thread blocks, so that the pool may
     * start another worker for the tests still queued instead of leaving them behind the blocked ones.
     */
    private record Waiting(CountDownLatch latch) implements ForkJoinPool.ManagedBlocker {
        @Override
        public boolean block() throws InterruptedException {
            latch.await(30, TimeUnit.SECONDS);
            return true;
        }

        @Override
        public boolean isReleasable() {
            return latch.getCount() == 0;
        }
    }

    /**
     * Eight tests, each with its own server and the one of the static field, which both subclasses inherit: they hold
     * it at once (all sixteen tests run together), and the first to finish must not stop it under the other.
     */
    @Fixtures.Fixture
    abstract static class EightTests {
        @RegisterExtension
        static InettyExtension perClass = InettyExtension.builder().service(Services.ECHO).build();
        @RegisterExtension
        InettyExtension perTest = InettyExtension.builder().service(Services.ECHO).build();

        @RepeatedTest(8)
        void test(InettyEndpoints own, RepetitionInfo repetition) throws Exception {
            exercise(perClass, perTest, own, repetition.getCurrentRepetition());
        }
    }

    static class ClassA extends EightTests {
    }

    static class ClassB extends EightTests {
    }
}
