package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.Services;
import io.inetty.server.InettyServer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.Events;

/** When servers start and stop, seen from outside: fixtures run through EngineTestKit record the server of each test. */
class LifecycleTest {
    /** The server each fixture test saw (fixtures run one class at a time, in this JVM). */
    static final Queue<InettyServer> seen = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void clear() {
        seen.clear();
    }

    /** A static field, @Nested classes, an instance field with one instance per class: one server for the class. */
    @ParameterizedTest
    @ValueSource(classes = {PerClass.class, Outer.class, PerClassInstance.class})
    void oneServerForTheWholeClassStoppedAfterIt(Class<?> fixture) {
        List<InettyServer> servers = run(fixture);
        assertThat(servers).containsOnly(servers.get(0));
    }

    @Test
    void instanceFieldServesEachTestOnItsOwnPortsAndStopsAfterIt() {
        List<InettyServer> servers = run(PerMethod.class);
        assertThat(servers).doesNotHaveDuplicates();
        assertThat(servers.stream().map(s -> s.port("echo"))).doesNotHaveDuplicates();
    }

    @Test
    void aClassCanRunAgainWithTheSameStaticExtension() {
        List<InettyServer> first = run(PerClass.class);
        seen.clear();
        List<InettyServer> second = run(PerClass.class);
        assertThat(first).containsOnly(first.get(0));
        assertThat(second).containsOnly(second.get(0)).doesNotContain(first.get(0));
    }

    /** Runs {@code fixture}, checks every test passed, and returns the servers they saw (one each), all stopped now. */
    private static List<InettyServer> run(Class<?> fixture) {
        Events tests = Fixtures.run(fixture).testEvents();
        tests.assertStatistics(s -> s.failed(0).aborted(0).skipped(0));
        List<InettyServer> servers = List.copyOf(seen);
        assertThat(servers).hasSize((int) tests.succeeded().count()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.eventLoopGroup().isTerminated()).as("stopped").isTrue());
        return servers;
    }

    @Fixtures.Fixture
    static class PerClass {
        @RegisterExtension
        static InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).build();

        @RepeatedTest(3)
        void test() {
            seen.add(inetty.server());
        }
    }

    @Fixtures.Fixture
    static class PerMethod {
        @RegisterExtension
        InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).build();

        @RepeatedTest(3)
        void test(InettyEndpoints endpoints) {
            assertThat(endpoints.server()).isSameAs(inetty.server());
            seen.add(inetty.server());
        }
    }

    @Fixtures.Fixture
    static class Outer {
        @RegisterExtension
        static InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).build();

        @Test
        void outer(InettyEndpoints endpoints) {
            seen.add(endpoints.server());
        }

        @Nested
        class Inner {
            @Test
            void inner(InettyEndpoints endpoints) {
                seen.add(endpoints.server());
            }

            @Nested
            class Innermost {
                @Test
                void innermost(InettyEndpoints endpoints) {
                    seen.add(endpoints.server());
                }
            }
        }
    }

    @Fixtures.Fixture
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassInstance {
        @RegisterExtension
        InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).build();

        @RepeatedTest(2)
        void test() {
            seen.add(inetty.server());
        }
    }
}
