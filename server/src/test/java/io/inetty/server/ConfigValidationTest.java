package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of {@link Ports}, {@link ServiceBinding}, {@link ServerConfig} and the builder; no sockets. */
class ConfigValidationTest {
    private static final Service ECHO = TestServices.echo("echo");
    private static final Service GREETER = TestServices.greeter("hi", "hi\n");

    @Test
    void portRange() {
        assertThat(Ports.check(0)).isZero();
        assertThat(Ports.check(1)).isEqualTo(1);
        assertThat(Ports.check(65535)).isEqualTo(65535);
        assertThatThrownBy(() -> Ports.check(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> Ports.check(65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 65536 (expected: 0-65535)");
        assertThatThrownBy(() -> Ports.check(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: -1 (expected: 0-65535)");
    }

    @Test
    void serviceBinding() {
        assertThatThrownBy(() -> new ServiceBinding(ECHO, Transport.TCP, 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: -5 (expected: 0-65535)");
        assertThatThrownBy(() -> new ServiceBinding(GREETER, Transport.UDP, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport: udp (hi speaks [TCP])");
        assertThatThrownBy(() -> new ServiceBinding(null, Transport.TCP, 7))
                .isInstanceOf(NullPointerException.class).hasMessage("service");
        assertThatThrownBy(() -> new ServiceBinding(ECHO, null, 7))
                .isInstanceOf(NullPointerException.class).hasMessage("transport");
        assertThat(new ServiceBinding(ECHO, Transport.UDP, 65535).port()).isEqualTo(65535);
    }

    @Test
    void builderServiceAddsOneBindingPerTransportSpoken() {
        ServerConfig c = Inetty.builder().service(ECHO, 7).service(GREETER, 0).config();
        assertThat(c.bindings()).containsExactly(
                new ServiceBinding(ECHO, Transport.TCP, 7),
                new ServiceBinding(ECHO, Transport.UDP, 7),
                new ServiceBinding(GREETER, Transport.TCP, 0));
    }

    @Test
    void builderDefaults() {
        ServerConfig c = Inetty.builder().service(ECHO, 0).config();
        assertThat(c.hosts()).isEmpty();
        assertThat(c.family()).isEqualTo(AddressFamily.ANY);
        assertThat(c.transport()).isEqualTo(IoTransport.AUTO);
        assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.shutdownTimeout()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void threads() {
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 0).threads(0).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threads: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 0).threads(-3).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threads: -3 (expected: >= 1)");
        assertThat(Inetty.builder().service(ECHO, 0).threads(1).config().threads()).isEqualTo(1);
    }

    @Test
    void duplicateServiceTransport() {
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 0).service(ECHO, Transport.TCP, 7).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bindings: echo/tcp given twice");
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 7).service(TestServices.echo("echo"), 8).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bindings: echo/tcp given twice");
        // The same service on its two transports, at different ports, is fine.
        assertThatNoException().isThrownBy(() ->
                Inetty.builder().service(ECHO, Transport.TCP, 7).service(ECHO, Transport.UDP, 8).config());
    }

    @Test
    void noBindings() {
        assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").config())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bindings: [] (expected: at least one service)");
    }

    @Test
    void shutdownTimeout() {
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 0).shutdownTimeout(Duration.ofMillis(-1)).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shutdownTimeout: PT-0.001S (expected: >= 0)");
        assertThat(Inetty.builder().service(ECHO, 0).shutdownTimeout(Duration.ZERO).config().shutdownTimeout())
                .isZero();
        assertThatThrownBy(() -> Inetty.builder().shutdownTimeout(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullArguments() {
        assertThatThrownBy(() -> Inetty.builder().bind(null)).isInstanceOf(NullPointerException.class).hasMessage("host");
        assertThatThrownBy(() -> Inetty.builder().service(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Inetty.builder().family(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Inetty.builder().transport(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> InettyServer.start(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void configIsAnImmutableCopy() {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1"));
        List<ServiceBinding> bindings = new ArrayList<>(List.of(new ServiceBinding(ECHO, Transport.TCP, 7)));
        ServerConfig c = new ServerConfig(hosts, AddressFamily.IPV4, bindings, IoTransport.NIO, 2, Duration.ofSeconds(1));
        hosts.add("::1");
        bindings.clear();
        assertThat(c.hosts()).containsExactly("127.0.0.1");
        assertThat(c.bindings()).hasSize(1);
        assertThatThrownBy(() -> c.hosts().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.bindings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void endpointText() {
        Endpoint v4 = new Endpoint("echo", Transport.UDP, new java.net.InetSocketAddress(Net.V4_LOOPBACK, 7));
        Endpoint v6 = new Endpoint("echo", Transport.TCP, new java.net.InetSocketAddress(Net.V6_LOOPBACK, 7));
        assertThat(v4.hostAndPort()).isEqualTo("127.0.0.1:7");
        assertThat(v6.hostAndPort()).isEqualTo("[::1]:7");
        assertThat(v6.toString()).isEqualTo("echo/tcp [::1]:7");
        assertThat(new Endpoint("x", Transport.TCP, new java.net.InetSocketAddress(Net.ip("2001:db8:0:0:0:0:0:1"), 9))
                .hostAndPort()).isEqualTo("[2001:db8::1]:9");
    }
}
