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
        assertThatThrownBy(() -> ServiceBinding.of(ECHO, Transport.TCP, 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port: -5 (expected: 0-65535)");
        assertThatThrownBy(() -> ServiceBinding.of(GREETER, Transport.UDP, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport: udp (hi speaks [TCP])");
        assertThatThrownBy(() -> ServiceBinding.of(null, Transport.TCP, 7))
                .isInstanceOf(NullPointerException.class).hasMessage("service");
        assertThatThrownBy(() -> ServiceBinding.of(ECHO, null, 7))
                .isInstanceOf(NullPointerException.class).hasMessage("transport");
        assertThat(ServiceBinding.of(ECHO, Transport.UDP, 65535).port()).isEqualTo(65535);
    }

    @Test
    void builderServiceAddsOneBindingPerTransportSpoken() {
        ServerConfig c = Inetty.builder().service(ECHO, 7).service(GREETER, 0).config();
        assertThat(c.bindings()).extracting(ServiceBinding::toString)
                .containsExactly("echo/tcp:7", "echo/udp:7", "hi/tcp:0");
    }

    @Test
    void builderDefaults() {
        ServerConfig c = Inetty.builder().service(ECHO, 0).config();
        assertThat(c.hosts()).as("loopback").isEmpty();
        assertThat(c.wildcard()).isFalse();
        assertThat(c.accessLog()).isFalse();
        assertThat(c.family()).isEqualTo(AddressFamily.ANY);
        assertThat(c.transport()).isEqualTo(IoTransport.AUTO);
        assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.shutdownTimeout()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT).isEqualTo(Duration.ofMillis(100));
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
                .isInstanceOf(IllegalArgumentException.class).hasMessage("services: echo/tcp given twice");
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 7).service(TestServices.echo("echo"), 8).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("services: echo/tcp given twice");
        // The same service on its two transports, at different ports, is fine.
        assertThatNoException().isThrownBy(() ->
                Inetty.builder().service(ECHO, Transport.TCP, 7).service(ECHO, Transport.UDP, 8).config());
    }

    @Test
    void noBindings() {
        assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").config())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("services: none (expected: at least one service)");
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
        Inetty.Builder b = Inetty.builder().bind("127.0.0.1").service(ECHO, Transport.TCP, 7);
        ServerConfig c = b.config();
        b.bind("::1").service(GREETER, 0);
        assertThat(c.hosts()).containsExactly("127.0.0.1");
        assertThat(c.bindings()).hasSize(1);
        assertThatThrownBy(() -> c.hosts().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.bindings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void twoServicesOnOnePortAndTransportAreAConfigurationClash() {
        assertThatThrownBy(() -> Inetty.builder().service(ECHO, 12345).service(GREETER, 12345).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services: echo/tcp and hi/tcp both on tcp port 12345 (expected: one service per port"
                        + " and transport)");
        // the same port on two transports, or port 0 twice, is fine
        assertThatNoException().isThrownBy(() -> Inetty.builder().service(ECHO, Transport.TCP, 12345)
                .service(TestServices.echo("other"), Transport.UDP, 12345).service(GREETER, 0).config());
    }

    @Test
    void wildcardAndHostsExcludeEachOther() {
        assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").bindWildcard().service(ECHO, 0).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bind: [127.0.0.1] and the wildcard");
    }

    @Test
    void limitsAndUdpPolicyNameTheBadValue() {
        assertThatThrownBy(() -> Limits.builder().maxConnections(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConnections: -1 (expected: >= 0, 0 = unlimited)");
        assertThatThrownBy(() -> Limits.builder().idleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("idleTimeout: PT-1S");
        assertThatThrownBy(() -> UdpPolicy.builder().replyBudget(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replyBudget: -5 (expected: >= 0, 0 = off)");
        Limits l = Limits.builder().maxConnections(3).maxSessionBytes(9).build();
        assertThat(l.maxConnections()).isEqualTo(3);
        assertThat(l.maxSessionBytes()).isEqualTo(9);
        assertThat(l.maxAcceptRate()).isZero();
        assertThat(UdpPolicy.OFF.replyBudget()).isZero();
        assertThat(UdpPolicy.DEFAULT.replyBudget()).isEqualTo(UdpPolicy.DEFAULT_REPLY_BUDGET);
    }

    @Test
    void bindingOptionsAndLabels() {
        BindingOptions.Key<Integer> key = BindingOptions.Key.of("answer", Integer.class);
        BindingOptions o = BindingOptions.NONE.with(key, 42).with(BindingOptions.LABEL, "tls");
        assertThat(o.get(key)).isEqualTo(42);
        assertThat(BindingOptions.NONE.get(key)).isNull();
        ServiceBinding tls = ServiceBinding.of(ECHO, Transport.TCP, 0).withOptions(o);
        assertThat(tls.label()).isEqualTo("tls");
        assertThat(ServiceBinding.of(ECHO, Transport.UDP, 0).label()).isEqualTo("udp");
        // a plain and a labelled binding of one service and transport are two bindings
        assertThatNoException().isThrownBy(() -> Inetty.builder().service(ECHO, 0).binding(tls).config());
    }

    @Test
    void endpointText() {
        Endpoint v4 = new Endpoint(ServiceBinding.of(ECHO, Transport.UDP, 7), new java.net.InetSocketAddress(Net.V4_LOOPBACK, 7));
        Endpoint v6 = new Endpoint(ServiceBinding.of(ECHO, Transport.TCP, 7), new java.net.InetSocketAddress(Net.V6_LOOPBACK, 7));
        assertThat(v4.hostAndPort()).isEqualTo("127.0.0.1:7");
        assertThat(v6.hostAndPort()).isEqualTo("[::1]:7");
        assertThat(v6.toString()).isEqualTo("echo/tcp [::1]:7");
        assertThat(Endpoint.format(new java.net.InetSocketAddress(Net.ip("2001:db8:0:0:0:0:0:1"), 9)))
                .isEqualTo("[2001:db8::1]:9");
    }
}
