package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bindings opened and closed while the server runs (what an admin API creating proxies needs). */
@Timeout(60)
class OpenCloseTest {
    private static final Service ECHO = TestServices.echo("echo");

    @Test
    void aBindingOpensOnItsOwnHostClosesAndReopensOnTheSamePort() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(ECHO, 0).threads(1).start()) {
            ServiceBinding extra = ServiceBinding.of(TestServices.echo("db"), Transport.TCP, 0);
            List<Endpoint> opened = server.open(extra, List.of("127.0.0.1"));
            assertThat(opened).hasSize(1);
            int port = opened.get(0).port();
            assertThat(server.endpoints()).extracting(Endpoint::service).contains("echo", "db");
            Socket held = Net.connect(V4_LOOPBACK, port);
            Net.tcpEcho(V4_LOOPBACK, port);

            server.close(extra, true);
            assertThat(server.endpoints()).extracting(Endpoint::service).doesNotContain("db");
            assertThatThrownBy(() -> Net.connect(V4_LOOPBACK, port)).isInstanceOf(ConnectException.class);
            assertThat(held.getInputStream().read()).as("its connections are closed too").isEqualTo(-1);
            held.close();

            ServiceBinding again = ServiceBinding.of(TestServices.echo("db"), Transport.TCP, port);
            assertThat(server.open(again, List.of("127.0.0.1")).get(0).address())
                    .isEqualTo(new InetSocketAddress(V4_LOOPBACK, port));
            Net.tcpEcho(V4_LOOPBACK, port);
            Net.tcpEcho(V4_LOOPBACK, server.port("echo"));
        }
    }

    @Test
    void aFailedOpenLeavesNothingAndTheServerServing() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(ECHO, 0).threads(1).start()) {
            int busy = server.port("echo");
            ServiceBinding clash = ServiceBinding.of(TestServices.echo("db"), Transport.TCP, busy);
            assertThatThrownBy(() -> server.open(clash, List.of()))
                    .isInstanceOf(BindFailureException.class).hasMessageContaining("db/tcp");
            assertThatThrownBy(() -> server.open(ServiceBinding.of(ECHO, Transport.TCP, 0), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("served already");
            assertThat(server.endpoints()).hasSize(2);
            Net.tcpEcho(V4_LOOPBACK, busy);
        }
    }
}
