package io.inetty.junit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.protocols.Services;
import io.inetty.server.Endpoint;
import io.inetty.server.Transport;
import java.net.InetSocketAddress;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static field: one server for the class, on ephemeral loopback ports, shared with the @Nested classes. */
class PerClassTest {
    @RegisterExtension
    static InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).service(Services.DAYTIME).build();

    private static InetSocketAddress echoAtStart;

    @BeforeAll
    static void rememberPort(InettyEndpoints endpoints) {
        echoAtStart = endpoints.tcp("echo");
    }

    @Test
    void echoesOverTcpAndUdp(InettyEndpoints endpoints) throws Exception {
        assertThat(Clients.tcp(endpoints.tcp("echo"), "hello\n")).isEqualTo("hello\n");
        assertThat(new String(Clients.udp(endpoints.udp("echo"), "ping"), US_ASCII)).isEqualTo("ping");
        assertThat(endpoints.tcp("echo")).isEqualTo(echoAtStart);
    }

    @Test
    void servesOnlyTheServicesAskedForOnEphemeralLoopbackPorts(InettyEndpoints endpoints) throws Exception {
        assertThat(new String(Clients.read(endpoints.tcp("daytime")), US_ASCII)).endsWith("\r\n");
        assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("echo", "daytime");
        assertThat(endpoints.all()).allSatisfy(e -> {
            assertThat(e.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(e.port()).isNotZero();
        });
        assertThat(inetty.server().port("echo", Transport.TCP)).isEqualTo(echoAtStart.getPort());
        assertThatThrownBy(() -> endpoints.tcp("qotd")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("service: qotd/tcp (not served; served: [echo/tcp, echo/udp, daytime/tcp, daytime/udp])");
    }

    @Nested
    class Inner {
        @Test
        void seesTheEnclosingServerOnTheSamePorts(InettyEndpoints endpoints) throws Exception {
            assertThat(endpoints.tcp("echo")).isEqualTo(echoAtStart);
            assertThat(endpoints.server()).isSameAs(inetty.server());
            assertThat(Clients.tcp(endpoints.tcp("echo"), "nested\n")).isEqualTo("nested\n");
        }

        @Nested
        class Deeper {
            @Test
            void stillTheSameServer(InettyEndpoints endpoints) {
                assertThat(endpoints.tcp("echo")).isEqualTo(echoAtStart);
                assertThat(endpoints.udp("echo").getPort()).isEqualTo(inetty.server().port("echo", Transport.UDP));
            }
        }
    }
}
