package io.inetty.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.Transport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ServiceSpecTest {

    @Test
    void nameAlone() {
        assertThat(ServiceSpec.parse("echo")).isEqualTo(new ServiceSpec("echo", null, null));
    }

    @Test
    void nameTransportPort() {
        assertThat(ServiceSpec.parse("time/udp:10037")).isEqualTo(new ServiceSpec("time", Transport.UDP, 10037));
        assertThat(ServiceSpec.parse("Echo/TCP")).isEqualTo(new ServiceSpec("echo", Transport.TCP, null));
        assertThat(ServiceSpec.parse("echo:0")).isEqualTo(new ServiceSpec("echo", null, 0));
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> ServiceSpec.parse("echo:")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("expected: NAME[/tcp|/udp][:PORT]");
        assertThatThrownBy(() -> ServiceSpec.parse("echo/sctp")).hasMessageContaining("transport sctp (expected: tcp or udp)");
        assertThatThrownBy(() -> ServiceSpec.parse("/udp")).hasMessageContaining("expected: NAME");
    }

    @Test
    void portOutOfRange() {
        assertThatThrownBy(() -> ServiceSpec.parse("echo:70000")).hasMessageContaining("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> ServiceSpec.parse("echo:99999999999")).hasMessageContaining("(expected: 0-65535)");
    }
}
