package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.faults.Fault;
import io.inetty.faults.FaultHandle;
import io.inetty.protocols.Services;
import io.inetty.server.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example, as written there, with what it is for: the fault is in force inside the block only. */
class ReadmeExampleTest {
    @RegisterExtension
    static InettyExtension inetty = InettyExtension.builder()
            .service(Services.ECHO).service(Services.DAYTIME)
            .build();

    @Test
    void slowEcho(InettyEndpoints endpoints) throws Exception {
        InetSocketAddress echo = endpoints.tcp("echo");
        try (FaultHandle f = inetty.faults("echo", Transport.TCP).add(Fault.latency(Duration.ofMillis(200)))) {
            long start = System.nanoTime();
            assertThat(Clients.tcp(echo, "slow\n")).isEqualTo("slow\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
        assertThat(inetty.faults("echo", Transport.TCP).list()).isEmpty();
        assertThat(inetty.metrics().of("echo", Transport.TCP).connectionsAccepted()).isEqualTo(1);
    }
}
