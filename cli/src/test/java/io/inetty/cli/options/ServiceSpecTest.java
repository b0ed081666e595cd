package io.inetty.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.Transport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ServiceSpecTest {

    @Test
    void nameAlone() {
        assertThat(ServiceSpec.parse("echo")).isEqualTo(new ServiceSpec("echo", null, null, false));
    }

    @Test
    void nameTransportPort() {
        assertThat(ServiceSpec.parse("time/udp:10037")).isEqualTo(new ServiceSpec("time", Transport.UDP, 10037, false));
        assertThat(ServiceSpec.parse("Echo/TCP")).isEqualTo(new ServiceSpec("echo", Transport.TCP, null, false));
        assertThat(ServiceSpec.parse("echo:0")).isEqualTo(new ServiceSpec("echo", null, 0, false));
    }

    @Test
    void tlsIsTcpWithTls() {
        assertThat(ServiceSpec.parse("echo/tls:10443")).isEqualTo(new ServiceSpec("echo", Transport.TCP, 10443, true));
        assertThat(ServiceSpec.parse("whoami/TLS")).isEqualTo(new ServiceSpec("whoami", Transport.TCP, null, true));
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> ServiceSpec.parse("echo:")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("expected: NAME[/tcp|/udp|/tls][:PORT]");
        assertThatThrownBy(() -> ServiceSpec.parse("echo/sctp")).hasMessageContaining("transport sctp (expected: tcp, udp or tls)");
        assertThatThrownBy(() -> ServiceSpec.parse("/udp")).hasMessageContaining("expected: NAME");
    }

    @Test
    void portOutOfRange() {
        assertThatThrownBy(() -> ServiceSpec.parse("echo:70000")).hasMessageContaining("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> ServiceSpec.parse("echo:99999999999")).hasMessageContaining("(expected: 0-65535)");
    }
}
