package io.inetty.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.CloseReason;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.Limits;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import io.inetty.server.TestServices;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS on real sockets, with each engine: echo, versions, failed handshakes, close_notify, mTLS, reload. */
class TlsServerTest {
    private static final Service ECHO = TestServices.echo("echo");
    private static final X509Bundle CA = Certs.ca("Test CA");

    @TempDir
    Path dir;

    static InettyServer start(Tls tls, Limits limits) {
        return Inetty.builder().bind("127.0.0.1").pipeline(tls).service(ECHO, Transport.TCP, 0)
                .binding(TlsOptions.binding(ECHO, 0)).limits(limits).shutdownTimeout(java.time.Duration.ofSeconds(2))
                .start();
    }

    static SslContext client(TrustMaterial trust, String... protocols) throws Exception {
        SslContextBuilder b = SslContextBuilder.forClient().trustManager(trust.certificate());
        return (protocols.length > 0 ? b.protocols(protocols) : b).build();
    }

    static long closed(InettyServer server, CloseReason reason) {
        return server.metrics().snapshot().of("echo", Transport.TCP).closed(reason);
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void echoesOverTls12And13NextToAPlainBinding(TlsEngine engine) throws Exception {
        Tls tls = Tls.builder().selfSigned().engine(engine).build();
        try (InettyServer server = start(tls, Limits.NONE)) {
            InetSocketAddress address = TlsOptions.address(server, "echo");
            assertThat(server.port("echo", "tls")).isEqualTo(address.getPort()).isNotEqualTo(server.port("echo", Transport.TCP));
            assertThat(server.endpoints()).extracting(e -> e.label()).containsExactlyInAnyOrder("tcp", "tls");
            for (String version : new String[] {"TLSv1.3", "TLSv1.2"}) {
                try (TlsClient c = new TlsClient(client(tls.trust(), version), address).handshake()) {
                    assertThat(c.protocol()).isEqualTo(version);
                    c.send("hello tls\n".getBytes(US_ASCII));
                    assertThat(new String(c.await(10), US_ASCII)).isEqualTo("hello tls\n");
                }
            }
            try (Socket plain = new Socket("127.0.0.1", server.port("echo", Transport.TCP))) {
                plain.setSoTimeout(5000);
                plain.getOutputStream().write("plain".getBytes(US_ASCII));
                assertThat(plain.getInputStream().readNBytes(5)).isEqualTo("plain".getBytes(US_ASCII));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void aFailedHandshakeIsAProtocolError(TlsEngine engine) throws Exception {
        Tls tls = Tls.builder().selfSigned().engine(engine).build();
        try (InettyServer server = start(tls, Limits.NONE)) {
            try (Socket plain = new Socket("127.0.0.1", server.port("echo", "tls"))) {
                plain.setSoTimeout(5000);
                plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
                plain.getInputStream().readAllBytes(); // the server closes
            } catch (IOException reset) {
                // a reset is a close too
            }
            awaitCount(server, CloseReason.PROTOCOL_ERROR, 1);
            X509Bundle other = Certs.ca("Someone else");
            SslContext distrusting = SslContextBuilder.forClient().trustManager(other.getCertificate()).build();
            try (TlsClient c = new TlsClient(distrusting, TlsOptions.address(server, "echo"))) {
                assertThatThrownBy(c::handshake).hasMessageContaining("SSL");
                assertThat(c.closed()).isTrue();
            }
            awaitCount(server, CloseReason.PROTOCOL_ERROR, 2);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void theDrainAtStopSendsCloseNotify(TlsEngine engine) throws Exception {
        Tls tls = Tls.builder().selfSigned().engine(engine).build();
        InettyServer server = start(tls, Limits.NONE);
        try (TlsClient c = new TlsClient(client(tls.trust()), TlsOptions.address(server, "echo")).handshake()) {
            c.send("x".getBytes(US_ASCII));
            c.await(1);
            Thread stopper = new Thread(server::close);
            stopper.start();
            assertThat(c.closeNotifyReceived()).as("close_notify before the TCP output ends").isTrue();
            c.close();
            stopper.join(5000);
        } finally {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void aSessionLimitSendsCloseNotify(TlsEngine engine) throws Exception {
        Tls tls = Tls.builder().selfSigned().engine(engine).build();
        try (InettyServer server = start(tls, Limits.builder().maxSessionBytes(4).build());
             TlsClient c = new TlsClient(client(tls.trust()), TlsOptions.address(server, "echo")).handshake()) {
            c.send("abcdefgh".getBytes(US_ASCII));
            assertThat(new String(c.await(4), US_ASCII)).isEqualTo("abcd");
            assertThat(c.closeNotifyReceived()).isTrue();
            assertThat(c.closed()).isTrue();
            awaitCount(server, CloseReason.SESSION_LIMIT, 1);
        }
    }

    @Test
    void tls10And11AreNotOffered() {
        for (TlsEngine engine : new TlsEngine[] {TlsEngine.OPENSSL, TlsEngine.JDK}) {
            Tls tls = Tls.builder().selfSigned().engine(engine).build();
            io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel();
            try (InettyServer server = start(tls, Limits.NONE)) {
                tls.configureTcp(server.endpoints().stream().filter(TlsOptions::isTls).findFirst().orElseThrow(),
                        ch.pipeline());
                io.netty.handler.ssl.SslHandler ssl = ch.pipeline().get(io.netty.handler.ssl.SslHandler.class);
                // OpenSSL's engine lists the pseudo-protocol SSLv2Hello (a hello format, never negotiated).
                assertThat(ssl.engine().getEnabledProtocols()).as("%s", engine).filteredOn(p -> !p.equals("SSLv2Hello"))
                        .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
                assertThat(ch.pipeline().names()).startsWith("inetty.tls", "inetty.tls.session");
                io.netty.channel.embedded.EmbeddedChannel plain = new io.netty.channel.embedded.EmbeddedChannel();
                tls.configureTcp(server.endpoints().stream().filter(e -> !TlsOptions.isTls(e)).findFirst().orElseThrow(),
                        plain.pipeline());
                assertThat(plain.pipeline().get(io.netty.handler.ssl.SslHandler.class)).as("a plain binding pays nothing").isNull();
                plain.finishAndReleaseAll();
            } finally {
                ch.finishAndReleaseAll();
            }
        }
    }

    static void awaitCount(InettyServer server, CloseReason reason, long n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closed(server, reason) < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(closed(server, reason)).as("connections closed as %s", reason.label()).isEqualTo(n);
    }
}
