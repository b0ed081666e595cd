package io.inetty.cli.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unknown INETTY_* variables are named with the closest known one; known ones and other variables pass. */
class EnvironmentTest {
    @Test
    void aTypoGetsAWarningNamingTheClosestVariable() {
        assertThat(Environment.warnings(Map.of("INETTY_PORTOFFSET", "10000", "INETTY_PORT_OFFSET", "1",
                "INETTY_JAVA_OPTS", "-Xmx64m", "PATH", "/bin", "INETTY_BIN", "x"))).containsExactly(
                "unknown environment variable INETTY_BIN (ignored; did you mean INETTY_BIND?)",
                "unknown environment variable INETTY_PORTOFFSET (ignored; did you mean INETTY_PORT_OFFSET?)");
    }

    @Test
    void variableNames() {
        assertThat(EnvironmentDefaults.variable("--max-connections-per-ip")).isEqualTo("INETTY_MAX_CONNECTIONS_PER_IP");
        assertThat(EnvironmentDefaults.variable("--ipv4")).isEqualTo("INETTY_IPV4");
        assertThat(Environment.distance("INETTY_PORTOFFSET", "INETTY_PORT_OFFSET")).isEqualTo(1);
    }
}
