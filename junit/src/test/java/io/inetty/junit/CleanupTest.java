package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.inetty.faults.Fault;
import io.inetty.faults.FaultHandle;
import io.inetty.protocols.Services;
import io.inetty.server.ServiceStats;
import io.inetty.server.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After each test, pass or fail, faults are as they were before it; counters count from each test's start. */
class CleanupTest {
    static final Queue<String> seen = new ConcurrentLinkedQueue<>();

    private static final Fault CLASS_WIDE = Fault.latency(Duration.ofMillis(1)).withName("class-wide");

    @BeforeEach
    void clear() {
        seen.clear();
    }

    @Test
    void faultsAddedByAFailingTestAreGoneBeforeTheNextOne() {
        var results = Fixtures.run(FailingTestAddsFaults.class);
        results.testEvents().assertStatistics(s -> s.started(2).failed(1).succeeded(1));
        assertThat(seen).containsExactly(
                "during: echo/tcp [class-wide, slow, cut] echo/udp [lossy]",
                "after: echo/tcp [class-wide] echo/udp []");
    }

    @Test
    void countersStartFromZeroInEachTest() {
        Fixtures.run(Counting.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(seen).containsExactly("first: 3 accepted, 3 closed", "second: 0 accepted, 1 accepted, 1 closed");
    }

    private static String names(InettyExtension inetty, Transport transport) {
        List<Fault> faults = inetty.faults("echo", transport).list();
        return "echo/" + transport.label() + " " + faults.stream().map(Fault::name).toList();
    }

    /** Echo for the class; each fixture below runs on its own (so both may use this one static extension). */
    @Fixtures.Fixture
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class OrderedOnEcho {
        @RegisterExtension
        static InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).build();
    }

    static class FailingTestAddsFaults extends OrderedOnEcho {
        @BeforeAll
        static void classWideFault() {
            inetty.faults("echo", Transport.TCP).add(CLASS_WIDE);
        }

        @Test
        @Order(1)
        void addsFaultsRemovesOneAndFails() {
            inetty.faults("echo", Transport.TCP).add(Fault.latency(Duration.ofSeconds(1)).withName("slow"));
            inetty.faults("echo", Transport.TCP).add(Fault.limitData(10).withName("cut"));
            FaultHandle lossy = inetty.faults("echo", Transport.UDP).add(Fault.loss(0.5).withName("lossy"));
            inetty.faults("echo", Transport.TCP).update("class-wide", Fault.latency(Duration.ofMillis(50)));
            seen.add("during: " + names(inetty, Transport.TCP) + " " + names(inetty, Transport.UDP));
            assertThat(lossy.isActive()).isTrue();
            fail("on purpose: the faults must still go");
        }

        @Test
        @Order(2)
        void seesOnlyTheClassWideFaultAsItWas() {
            seen.add("after: " + names(inetty, Transport.TCP) + " " + names(inetty, Transport.UDP));
            assertThat(inetty.faults("echo", Transport.TCP).get("class-wide")).contains(CLASS_WIDE);
        }
    }

    static class Counting extends OrderedOnEcho {
        @Test
        @Order(1)
        void first(InettyEndpoints endpoints) throws Exception {
            for (int i = 0; i < 3; i++) {
                Clients.tcp(endpoints.tcp("echo"), "x");
            }
            seen.add("first: " + settled(3));
        }

        @Test
        @Order(2)
        void second(InettyEndpoints endpoints) throws Exception {
            String before = inetty.metrics().of("echo", Transport.TCP).connectionsAccepted() + " accepted";
            Clients.tcp(endpoints.tcp("echo"), "x");
            seen.add("second: " + before + ", " + settled(1));
        }

        /** Waits (bounded) until {@code n} connections have been closed, then describes the test's counters. */
        private static String settled(long n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            ServiceStats s = inetty.metrics().of("echo", Transport.TCP);
            while (closed(s) < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
                s = inetty.metrics().of("echo", Transport.TCP);
            }
            return s.connectionsAccepted() + " accepted, " + closed(s) + " closed";
        }

        private static long closed(ServiceStats s) {
            return s.connectionsClosed().values().stream().mapToLong(Long::longValue).sum();
        }
    }

}
