package io.inetty.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one {@code HOST[:PORT]} parser of check and bench. */
class TargetTest {
    @Test
    void namesLiteralsAndPorts() {
        assertThat(Target.parse("localhost")).isEqualTo(new Target("localhost", null));
        assertThat(Target.parse("example.org:13")).isEqualTo(new Target("example.org", 13));
        assertThat(Target.parse("127.0.0.1:7")).isEqualTo(new Target("127.0.0.1", 7));
        assertThat(Target.parse("[::1]:7")).isEqualTo(new Target("::1", 7));
        assertThat(Target.parse("[::1]")).isEqualTo(new Target("::1", null));
        assertThat(Target.parse("::1")).isEqualTo(new Target("::1", null));
        assertThat(Target.parse("2001:db8::7")).isEqualTo(new Target("2001:db8::7", null));
        assertThat(Target.parse("::1").withPort(7)).isEqualTo("[::1]:7");
        assertThat(Target.parse("::1").literal()).isTrue();
        assertThat(Target.parse("localhost").literal()).isFalse();
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> Target.parse("host:7:8")).hasMessageContaining("is not an IPv6 address");
        assertThatThrownBy(() -> Target.parse("a/b")).hasMessageContaining("expected: HOST[:PORT]");
        assertThatThrownBy(() -> Target.parse("localhost:0")).hasMessageContaining("port '0' (expected: 1-65535)");
        assertThatThrownBy(() -> Target.parse("[::1]:x")).hasMessageContaining("port 'x'");
    }
}
