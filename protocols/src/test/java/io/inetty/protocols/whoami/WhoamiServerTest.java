package io.inetty.protocols.whoami;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.proxy.ProxyProtocol;
import io.inetty.server.DropReason;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import io.inetty.server.UdpPolicy;
import io.inetty.tls.Tls;
import io.inetty.tls.TlsOptions;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whoami served for real: plain, through a PROXY header, over TLS with a client certificate; UDP budget. */
class WhoamiServerTest {
    private final Whoami whoami = new Whoami(WhoamiTest.CLOCK, "node-1", "blue");

    @TempDir
    Path dir;

    private static String readAll(Socket s) throws IOException {
        s.setSoTimeout(5000);
        return new String(s.getInputStream().readAllBytes(), UTF_8);
    }

    @Test
    void tcpAnswersOneLineAndClosesNamingTheRealClientBehindAProxy() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(whoami, Transport.TCP, 0)
                .pipeline(ProxyProtocol.builder().trust("127.0.0.2").build()).start()) {
            int port = server.port("whoami");
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertThat(readAll(s)).isEqualTo("{\"service\":\"whoami\",\"transport\":\"tcp\",\"peer\":\"127.0.0.1:"
                        + s.getLocalPort() + "\",\"local\":\"127.0.0.1:" + port + "\",\"via\":null,\"host\":\"node-1\","
                        + "\"instance\":\"blue\",\"time\":\"2026-11-30T12:00:00Z\"}\n");
            }
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress("127.0.0.2", 0));
                s.connect(new InetSocketAddress("127.0.0.1", port));
                s.getOutputStream().write("PROXY TCP4 203.0.113.7 10.0.0.5 51234 4242\r\n".getBytes(US_ASCII));
                assertThat(readAll(s)).contains("\"peer\":\"203.0.113.7:51234\",\"local\":\"127.0.0.1:" + port
                        + "\",\"via\":\"127.0.0.2:" + s.getLocalPort() + "\"");
            }
        }
    }

    @Test
    void overTlsItTellsTheSessionAndTheClientCertificate() throws Exception {
        X509Bundle ca = new CertificateBuilder().subject("CN=Clients").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        X509Bundle alice = new CertificateBuilder().subject("CN=alice,O=Example").ecp256().addExtendedKeyUsageClientAuth()
                .buildIssuedBy(ca);
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM(), US_ASCII);
        Tls tls = Tls.builder().selfSigned().clientCa(caFile).build();
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").binding(TlsOptions.binding(whoami, 0))
                .pipeline(tls).start()) {
            KeyManagerFactory kmf = alice.toKeyManagerFactory();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tls.trust().trustManagerFactory().getTrustManagers(), null);
            InetSocketAddress address = TlsOptions.address(server, "whoami");
            try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", address.getPort())) {
                String line = readAll(s);
                assertThat(line).startsWith("{\"service\":\"whoami\",\"transport\":\"tcp\",")
                        .endsWith(",\"tls\":{\"version\":\"TLSv1.3\",\"cipher\":\"" + s.getSession().getCipherSuite()
                                + "\",\"client\":\"CN=alice,O=Example\"}}\n");
            }
        }
    }

    @Test
    void udpRepliesAreChargedToTheRealClientsBudget() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(whoami, Transport.UDP, 0)
                .udp(UdpPolicy.builder().replyBudget(300).build()).pipeline(ProxyProtocol.builder().trust("127.0.0.1").build())
                .start(); DatagramSocket proxy = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            proxy.setSoTimeout(300);
            proxy.connect(new InetSocketAddress("127.0.0.1", server.port("whoami")));
            int first = answered(proxy, "203.0.113.7", 6);
            int second = answered(proxy, "203.0.113.8", 6);
            assertThat(first).as("a 1-byte request gets a ~250-byte answer: the burst (600 B) pays for 2").isBetween(1, 3);
            assertThat(second).as("another client behind the same proxy has its own budget").isBetween(1, 3);
            assertThat(server.metrics().snapshot().of("whoami", Transport.UDP).dropped(DropReason.BUDGET))
                    .isEqualTo(12 - first - second);
        }
    }

    /** Sends {@code n} 1-byte datagrams from {@code client} through the proxy; returns how many were answered. */
    private static int answered(DatagramSocket proxy, String client, int n) throws IOException {
        byte[] header = proxyV2(client);
        byte[] request = java.util.Arrays.copyOf(header, header.length + 1);
        int answers = 0;
        for (int i = 0; i < n; i++) {
            proxy.send(new DatagramPacket(request, request.length));
        }
        byte[] buf = new byte[2048];
        try {
            while (true) {
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                proxy.receive(reply);
                assertThat(new String(buf, 0, reply.getLength(), UTF_8)).contains("\"peer\":\"" + client + ":5353\"");
                answers++;
            }
        } catch (SocketTimeoutException done) {
            return answers;
        }
    }

    /** A PROXY v2 header (PROXY, UDP over IPv4) naming {@code client}:5353. */
    private static byte[] proxyV2(String client) throws IOException {
        byte[] sig = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(28).put(sig).put((byte) 0x21).put((byte) 0x12)
                .putShort((short) 12).put(java.net.InetAddress.getByName(client).getAddress())
                .put(new byte[] {10, 0, 0, 5}).putShort((short) 5353).putShort((short) 4242);
        return b.array();
    }
}
