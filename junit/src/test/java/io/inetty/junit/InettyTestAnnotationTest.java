package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.inetty.faults.Fault;
import io.inetty.protocols.Services;
import io.inetty.server.Endpoint;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @InettyTest(services = ...)}: one server for the class and its @Nested classes, endpoints as parameters. */
@InettyTest(services = {"echo", "time"})
class InettyTestAnnotationTest {
    private static InettyEndpoints atStart;

    @BeforeAll
    static void remember(InettyEndpoints endpoints) {
        atStart = endpoints;
    }

    @Test
    void servesTheNamedServices(InettyEndpoints endpoints) throws Exception {
        assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("echo", "time");
        assertThat(Clients.tcp(endpoints.tcp("echo"), "annotated\n")).isEqualTo("annotated\n");
        byte[] time = Clients.udp(endpoints.udp("time"), "");
        assertThat(time).hasSize(4);
        long since1900 = Integer.toUnsignedLong(ByteBuffer.wrap(time).getInt());
        assertThat(since1900 - 2_208_988_800L).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(5L));
    }

    @Test
    void theExtensionResolvesForFaultsAndMetrics(InettyExtension inetty, InettyEndpoints endpoints) {
        assertThat(inetty.server()).isSameAs(endpoints.server()).isSameAs(atStart.server());
        inetty.faults("echo", Transport.TCP).add(Fault.latency(Duration.ofMillis(1)));
        assertThat(inetty.metrics().of("echo", Transport.TCP).connectionsAccepted()).isZero();
    }

    @Nested
    class Inner {
        @Test
        void sameServerSamePorts(InettyEndpoints endpoints, InettyExtension inetty) {
            assertThat(endpoints.server()).isSameAs(atStart.server());
            assertThat(endpoints.tcp("echo")).isEqualTo(atStart.tcp("echo"));
            assertThat(inetty.faults("echo", Transport.TCP).list()).isEmpty();
        }
    }

    @Test
    void anUnknownServiceFailsTheClassNamingIt() {
        Fixtures.run(Misspelt.class).containerEvents().assertThatEvents().haveExactly(1, event(container(Misspelt.class),
                finishedWithFailure(message("@InettyTest(services) on " + Misspelt.class.getName()
                        + ": 'ecoh' (expected: one of " + names(Services.all()) + ")"))));
    }

    @Test
    void aNestedClassWithItsOwnAnnotationGetsItsOwnServer() {
        Fixtures.run(OuterAnnotated.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    static String names(List<Service> services) {
        return services.stream().map(Service::name).collect(Collectors.joining(", "));
    }

    @Fixtures.Fixture
    @InettyTest(services = {"ecoh"})
    static class Misspelt {
        @Test
        void test() {
        }
    }

    @Fixtures.Fixture
    @InettyTest(services = "echo")
    static class OuterAnnotated {
        @Test
        void outer(InettyEndpoints endpoints) {
            assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("echo");
        }

        @Nested
        @InettyTest(services = "daytime")
        class Inner {
            @Test
            void inner(InettyEndpoints endpoints) {
                assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("daytime");
            }
        }
    }
}
