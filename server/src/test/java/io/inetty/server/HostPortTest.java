package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
    @Test
    void namesLiteralsBracketsAndNoHost() {
        assertThat(HostPort.parse(" db.example:5432 ")).contains(new HostPort("db.example", 5432));
        assertThat(HostPort.parse("127.0.0.1:0")).contains(new HostPort("127.0.0.1", 0));
        assertThat(HostPort.parse("[::1]:8080")).contains(new HostPort("::1", 8080));
        assertThat(HostPort.parse(":65535")).contains(new HostPort("", 65535));
        assertThat(new HostPort("::1", 7)).hasToString("[::1]:7");
        assertThat(new HostPort("localhost", 7)).hasToString("localhost:7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "host:", "::1:80", "[::1]80", "[]:80", "[::1:80", "::1]:80", "host:http", "host:-1",
        "host:65536", "a b:80", "a/b:80", "h\u00e9:80", "[a[b]:80"})
    void anythingElseIsEmpty(String text) {
        assertThat(HostPort.parse(text)).isEqualTo(Optional.empty());
    }
}
