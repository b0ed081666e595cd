package io.inetty.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.AccessLines;
import io.inetty.server.AccessPolicy;
import io.inetty.server.CloseReason;
import io.inetty.server.DropReason;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.Limits;
import io.inetty.server.Net;
import io.inetty.server.ServiceStats;
import io.inetty.server.TestServices;
import io.inetty.server.Transport;
import io.inetty.tls.Tls;
import io.inetty.tls.TlsClient;
import io.inetty.tls.TlsOptions;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** PROXY protocol on real sockets: the real client drives admission, limits and logs; TCP, TLS and UDP. */
class ProxyProtocolServerTest {
    private static final String CLIENT = "203.0.113.7";

    private static Inetty.Builder server(String trusted) {
        return Inetty.builder().bind("127.0.0.1").bind("::1").service(TestServices.echo("echo"), 0).accessLog(true)
                .pipeline(ProxyProtocol.builder().trust(trusted).trust("::1").headerTimeout(Duration.ofMillis(300)).build());
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket(host, port);
        s.setSoTimeout(5000);
        return s;
    }

    private static String echo(Socket s, byte[] header, String text) throws IOException {
        s.getOutputStream().write(Headers.concat(header, text.getBytes(US_ASCII)));
        return new String(s.getInputStream().readNBytes(text.length()), US_ASCII);
    }

    private static ServiceStats tcp(InettyServer server) {
        return server.metrics().snapshot().of("echo", Transport.TCP);
    }

    private static void awaitClosed(InettyServer server, CloseReason reason, long n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tcp(server).closed(reason) < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(tcp(server).closed(reason)).as(reason.label()).isEqualTo(n);
    }

    @Test
    void theRealClientIsLoggedWithTheProxyAsVia() throws Exception {
        try (AccessLines lines = new AccessLines(); InettyServer server = server("127.0.0.1/32").start()) {
            int port = server.port("echo", Transport.TCP);
            try (Socket s = connect("127.0.0.1", port)) {
                assertThat(echo(s, Headers.v1("PROXY TCP4 " + CLIENT + " 10.0.0.5 51234 4242"), "v1")).isEqualTo("v1");
                int proxyPort = s.getLocalPort();
                s.shutdownOutput();
                assertThat(lines.await(1)).singleElement().asString()
                        .startsWith("tcp echo peer=" + CLIENT + ":51234 local=127.0.0.1:" + port + " via=127.0.0.1:" + proxyPort);
            }
            try (Socket s = connect("::1", port)) {
                assertThat(echo(s, Headers.v2(HAProxyProxiedProtocol.TCP6, "2001:db8::7", 40000), "v2")).isEqualTo("v2");
                s.shutdownOutput();
                assertThat(lines.await(2).get(1)).startsWith("tcp echo peer=[2001:db8::7]:40000 local=[::1]:" + port + " via=[::1]:");
            }
        }
    }

    @Test
    void accessRulesAndPerIpLimitsJudgeTheRealClient() throws Exception {
        try (InettyServer server = server("127.0.0.1/32").access(AccessPolicy.of(List.of(), List.of("198.51.100.0/24")))
                .limits(Limits.builder().maxConnectionsPerIp(1).build()).start()) {
            int port = server.port("echo", Transport.TCP);
            try (Socket denied = connect("127.0.0.1", port)) {
                denied.getOutputStream().write(Headers.v1("PROXY TCP4 198.51.100.9 10.0.0.5 1 2"));
                assertThat(denied.getInputStream().read()).isEqualTo(-1);
            }
            awaitClosed(server, CloseReason.DENIED, 1);
            try (Socket first = connect("127.0.0.1", port); Socket second = connect("127.0.0.1", port);
                 Socket other = connect("127.0.0.1", port)) {
                assertThat(echo(first, Headers.v1("PROXY TCP4 " + CLIENT + " 10.0.0.5 1000 2"), "a")).isEqualTo("a");
                second.getOutputStream().write(Headers.v1("PROXY TCP4 " + CLIENT + " 10.0.0.5 1001 2"));
                assertThat(second.getInputStream().read()).as("the same client twice").isEqualTo(-1);
                assertThat(echo(other, Headers.v1("PROXY TCP4 192.0.2.1 10.0.0.5 1000 2"), "b"))
                        .as("another client through the same proxy").isEqualTo("b");
            }
            awaitClosed(server, CloseReason.MAX_CONNECTIONS_PER_IP, 1);
        }
    }

    @Test
    void fromUntrustedSourcesTheHeaderIsData() throws Exception {
        try (InettyServer server = server("10.0.0.0/8").start(); Socket s = connect("127.0.0.1", server.port("echo"))) {
            String header = "PROXY TCP4 " + CLIENT + " 10.0.0.5 51234 4242\r\n";
            assertThat(echo(s, new byte[0], header)).isEqualTo(header);
        }
    }

    @Test
    void noHeaderInTimeOrABadOneIsAProtocolError() throws Exception {
        try (InettyServer server = server("127.0.0.1/32").start()) {
            int port = server.port("echo", Transport.TCP);
            long start = System.nanoTime();
            try (Socket silent = connect("127.0.0.1", port)) {
                assertThat(silent.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 3000L);
            try (Socket bad = connect("127.0.0.1", port)) {
                bad.getOutputStream().write("PROXY TCP4 nonsense\r\nhello".getBytes(US_ASCII));
                assertThat(bad.getInputStream().read()).isEqualTo(-1);
            }
            awaitClosed(server, CloseReason.PROTOCOL_ERROR, 2);
            assertThat(tcp(server).connectionsAccepted()).as("never served").isZero();
        }
        assertThat(ProxyProtocol.DEFAULT_HEADER_TIMEOUT).isEqualTo(Duration.ofSeconds(3));
        assertThat(ProxyProtocol.builder().trust("10.0.0.0/8").build().headerTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void withTlsTheHeaderComesFirstThenTheHandshake() throws Exception {
        Tls tls = Tls.builder().selfSigned().build();
        try (AccessLines lines = new AccessLines();
             InettyServer server = server("127.0.0.1/32").pipeline(tls).binding(TlsOptions.binding(TestServices.echo("echo"), 0)).start();
             TlsClient c = new TlsClient(SslContextBuilder.forClient().trustManager(tls.trust().certificate()).build(),
                     TlsOptions.address(server, "echo"), Headers.v1("PROXY TCP4 " + CLIENT + " 10.0.0.5 51234 4242")).handshake()) {
            c.send("tls".getBytes(US_ASCII));
            assertThat(c.await(3)).isEqualTo("tls".getBytes(US_ASCII));
            c.close();
            assertThat(lines.await(1)).singleElement().asString().startsWith("tcp echo peer=" + CLIENT + ":51234").contains(" tls=TLSv1.3");
        }
    }

    @Test
    void datagramsFromATrustedProxyAreJudgedByTheClientAndAnsweredToTheProxy() throws Exception {
        try (InettyServer server = server("127.0.0.1/32").access(AccessPolicy.of(List.of(), List.of("198.51.100.0/24"))).start();
             DatagramSocket proxy = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            proxy.setSoTimeout(300);
            proxy.connect(new InetSocketAddress("127.0.0.1", server.port("echo", Transport.UDP)));
            assertThat(Net.exchangeAscii(proxy, Headers.concat(Headers.v2(HAProxyProxiedProtocol.UDP4, CLIENT, 5353), "hi".getBytes(US_ASCII))))
                    .isEqualTo("hi");
            assertThat(Net.exchangeAscii(proxy, Headers.concat(Headers.v2(HAProxyProxiedProtocol.UDP4, "198.51.100.9", 5353),
                    "no".getBytes(US_ASCII)))).as("a denied client").isNull();
            assertThat(Net.exchangeAscii(proxy, "no header".getBytes(US_ASCII))).isNull();
            ServiceStats udp = server.metrics().snapshot().of("echo", Transport.UDP);
            assertThat(udp.dropped(DropReason.DENIED)).isEqualTo(1);
            assertThat(udp.dropped(DropReason.POLICY)).isEqualTo(1);
            assertThat(udp.datagramsIn()).isEqualTo(3);
        }
    }

    @Test
    void theTrustedSourcesMustBeValid() {
        assertThatThrownBy(() -> ProxyProtocol.builder().build()).hasMessage("trust: none (expected: at least one CIDR of trusted proxies)");
        assertThatThrownBy(() -> ProxyProtocol.builder().trust("10.0.0.0/33"))
                .hasMessage("trust: '10.0.0.0/33' (expected: an IP literal or CIDR, e.g. 10.0.0.0/8 or ::1/128)");
        assertThatThrownBy(() -> ProxyProtocol.builder().trust("proxy.example"))
                .hasMessageStartingWith("trust: 'proxy.example'");
        assertThat(ProxyProtocol.builder().trust(" fd00::/8 ").build().trusted()).containsExactly("fd00::/8");
    }
}
