package io.inetty.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An existing Toxiproxy client library, used unchanged (toxiproxy-java 2.1.7, the one Testcontainers' Toxiproxy module
 * builds on), drives the daemon's admin endpoint: a proxy in front of echo, latency, limit_data and reset_peer toxics
 * seen acting on the traffic through the relay, removed, the proxy disabled and enabled on the same port, reset,
 * deleted.
 */
class ToxiproxyClientTest {
    @Test
    void toxiproxyJavaDrivesInettyUnchanged() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo:0",
                "--admin", "127.0.0.1:0")) {
            ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", inetty.admin().getPort());
            assertThat(client.version()).startsWith("{\"version\":");
            Proxy proxy = client.createProxy("echo-proxy", "127.0.0.1:0", "127.0.0.1:" + inetty.port("echo", "tcp"));
            assertThat(proxy.isEnabled()).isTrue();
            int port = port(proxy.getListen());
            assertThat(port).isPositive();
            assertThat(roundTripMillis(port)).isLessThan(250);

            Latency latency = proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
            assertThat(latency.getLatency()).isEqualTo(300);
            assertThat(roundTripMillis(port)).as("latency toxic").isGreaterThanOrEqualTo(300);
            latency.setLatency(600);
            assertThat(proxy.toxics().get("slow", Latency.class).getLatency()).isEqualTo(600);
            assertThat(roundTripMillis(port)).as("updated latency").isGreaterThanOrEqualTo(600);
            latency.remove();
            assertThat(roundTripMillis(port)).as("removed").isLessThan(250);

            proxy.toxics().limitData("cut", ToxicDirection.DOWNSTREAM, 5);
            try (Socket s = connect(port)) {
                s.getOutputStream().write("0123456789".getBytes(US_ASCII));
                assertThat(new String(s.getInputStream().readAllBytes(), US_ASCII)).as("limit_data").isEqualTo("01234");
            }
            proxy.toxics().get("cut").remove();

            proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);
            try (Socket s = connect(port)) {
                s.getOutputStream().write("ping".getBytes(US_ASCII));
                assertThatThrownBy(() -> s.getInputStream().read()).as("reset_peer: a reset, not an end of stream")
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
            }
            assertThat(proxy.toxics().getAll()).hasSize(1);
            client.reset();
            assertThat(proxy.toxics().getAll()).isEmpty();

            proxy.disable();
            assertThat(client.getProxy("echo-proxy").isEnabled()).isFalse();
            assertThatThrownBy(() -> connect(port).close()).isInstanceOf(ConnectException.class);
            proxy.enable();
            assertThat(port(client.getProxy("echo-proxy").getListen())).as("the same port").isEqualTo(port);
            assertThat(roundTripMillis(port)).isLessThan(250);

            assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo-proxy");
            proxy.delete();
            assertThat(client.getProxyOrNull("echo-proxy")).isNull();
            assertThatThrownBy(() -> client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:1"))
                    .isInstanceOf(IOException.class).hasMessageContaining("[409]");
        }
    }

    private static int port(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        return s;
    }

    private static long roundTripMillis(int port) throws IOException {
        try (Socket s = connect(port)) {
            long start = System.nanoTime();
            s.getOutputStream().write("hello\n".getBytes(US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(6), US_ASCII)).isEqualTo("hello\n");
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }
}
