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

/** When servers start and stop, seen from outside: fixtures run through EngineTestKit record the server of each test. */
class LifecycleTest {
    /** The server each fixture test saw (fixtures run one class at a time, in this JVM). */
    static final Queue<InettyServer> seen = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void clear() {
        seen.clear();
    }

    @Test
    void staticFieldServesTheWholeClassAndStopsAfterIt() {
        Fixtures.run(PerClass.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertThat(seen).hasSize(3).containsOnly(seen.peek());
        assertStopped(seen);
    }

    @Test
    void instanceFieldServesEachTestOnItsOwnPortsAndStopsAfterIt() {
        Fixtures.run(PerMethod.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertThat(seen).hasSize(3).doesNotHaveDuplicates();
        assertThat(seen.stream().map(s -> s.port("echo"))).doesNotHaveDuplicates();
        assertStopped(seen);
    }

    @Test
    void nestedClassesShareTheEnclosingServerUntilTheOutermostClassEnds() {
        Fixtures.run(Outer.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertThat(seen).hasSize(3).containsOnly(seen.peek());
        assertStopped(seen);
    }

    @Test
    void instanceFieldWithOneInstancePerClassServesTheClass() {
        Fixtures.run(PerClassInstance.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(seen).hasSize(2).containsOnly(seen.peek());
        assertStopped(seen);
    }

    @Test
    void aClassCanRunAgainWithTheSameStaticExtension() {
        Fixtures.run(PerClass.class);
        Fixtures.run(PerClass.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        List<InettyServer> servers = List.copyOf(seen);
        assertThat(servers).hasSize(6);
        assertThat(servers.subList(0, 3)).containsOnly(servers.get(0));
        assertThat(servers.subList(3, 6)).containsOnly(servers.get(3)).doesNotContain(servers.get(0));
        assertStopped(seen);
    }

    private static void assertStopped(Queue<InettyServer> servers) {
        assertThat(servers).allSatisfy(s -> assertThat(s.eventLoopGroup().isTerminated()).isTrue());
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
