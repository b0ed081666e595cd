package io.inetty.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import org.junit.jupiter.api.Test;

/** The client-side registry covers every service the server has. */
class ChecksTest {
    @Test
    void everyServiceHasACheck() {
        for (Service s : Services.all()) {
            assertThat(Checks.of(s.name())).as("a check for %s", s.name()).isPresent();
        }
        assertThat(Checks.names()).containsExactlyInAnyOrderElementsOf(
                Services.all().stream().map(Service::name).toList());
    }

    @Test
    void anUnknownServiceHasNone() {
        assertThat(Checks.of("gopher")).isEmpty();
    }
}
