package io.inetty.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.AccessLines;
import io.inetty.server.CloseReason;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.TestServices;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates from files: a chain, mutual TLS, and reloading (by call and by watching the files). */
class TlsFilesTest {
    private static final X509Bundle CA = Certs.ca("Test CA");

    @TempDir
    Path dir;

    private Certs.Files files() {
        return new Certs.Files(dir);
    }

    private static SslContext trusting(X509Certificate ca) throws Exception {
        return SslContextBuilder.forClient().trustManager(ca).build();
    }

    private static X509Certificate seen(InettyServer server, SslContext client) throws Exception {
        try (TlsClient c = new TlsClient(client, TlsOptions.address(server, "echo")).handshake()) {
            return c.serverCertificate();
        }
    }

    @Test
    void servesTheChainAndRequiresClientCertificatesWithAClientCa() throws Exception {
        files().write(Certs.server(CA, "server", true));
        X509Bundle clients = Certs.ca("Client CA");
        Path clientCa = Certs.pem(dir, "clients.pem", clients.getCertificatePEM());
        Tls tls = Tls.builder().certificate(files().cert(), files().key()).clientCa(clientCa).build();
        try (AccessLines lines = new AccessLines(); InettyServer server = Inetty.builder().bind("127.0.0.1").pipeline(tls)
                .binding(TlsOptions.binding(TestServices.echo("echo"), 0)).accessLog(true).start()) {
            try (TlsClient anonymous = new TlsClient(trusting(CA.getCertificate()), TlsOptions.address(server, "echo"))) {
                // TLS 1.3: the client learns of the refusal on its first read, after its handshake "completed"
                anonymous.handshake();
                anonymous.send("x".getBytes(US_ASCII));
                assertThat(anonymous.closed()).isTrue();
            } catch (Exception refused) {
                // refused during the handshake (an SSL alert) or by the close that follows it, whichever wins the race
                assertThat(refused).satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("SSL"),
                        e -> assertThat(e).hasRootCauseInstanceOf(java.nio.channels.ClosedChannelException.class),
                        e -> assertThat(e).isInstanceOf(java.nio.channels.ClosedChannelException.class));
            }
            TlsServerTest.awaitCount(server, CloseReason.PROTOCOL_ERROR, 1);
            X509Bundle alice = Certs.client(clients, "CN=alice smith, O=Example");
            SslContext withCert = SslContextBuilder.forClient().trustManager(CA.getCertificate())
                    .keyManager(alice.getKeyPair().getPrivate(), alice.getCertificatePath()).build();
            try (TlsClient c = new TlsClient(withCert, TlsOptions.address(server, "echo")).handshake()) {
                c.send("hi".getBytes(US_ASCII));
                assertThat(c.await(2)).isEqualTo("hi".getBytes(US_ASCII));
                assertThat(c.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=server");
            }
            assertThat(lines.await(2))
                    .anySatisfy(l -> assertThat(l).contains("reason=protocol-error"))
                    .anySatisfy(l -> assertThat(l).contains(" tls=TLSv1.3 tls_client=\"CN=alice smith,O=Example\""));
        }
    }

    @Test
    void reloadServesNewConnectionsTheNewCertificateWhileOpenOnesContinue() throws Exception {
        X509Bundle first = Certs.server(CA, "first", false);
        files().write(first);
        Tls tls = Tls.builder().certificate(files().cert(), files().key()).build();
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").pipeline(tls)
                .binding(TlsOptions.binding(TestServices.echo("echo"), 0)).start();
             TlsClient open = new TlsClient(trusting(CA.getCertificate()), TlsOptions.address(server, "echo")).handshake()) {
            X509Bundle second = Certs.server(CA, "second", true);
            files().write(second);
            assertThat(tls.reload()).isTrue();
            assertThat(seen(server, trusting(CA.getCertificate()))).isEqualTo(second.getCertificate());
            assertThat(tls.trust().certificate()).isEqualTo(second.getCertificate());
            open.send("still here".getBytes(US_ASCII));
            assertThat(open.await(10)).isEqualTo("still here".getBytes(US_ASCII));
            assertThat(open.serverCertificate()).isEqualTo(first.getCertificate());

            Files.writeString(files().key(), "broken\n");
            assertThatThrownBy(tls::reload).isInstanceOf(TlsException.class).hasMessageContaining("key: '" + files().key() + "'");
            assertThat(seen(server, trusting(CA.getCertificate()))).as("the previous one stays").isEqualTo(second.getCertificate());
        }
    }

    @Test
    void watchingReloadsOnceTheFilesChange() throws Exception {
        files().write(Certs.server(CA, "first", false));
        Tls tls = Tls.builder().certificate(files().cert(), files().key()).build();
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").pipeline(tls)
                .binding(TlsOptions.binding(TestServices.echo("echo"), 0)).start()) {
            tls.watch(server.eventLoopGroup(), Duration.ofMillis(20));
            X509Bundle second = Certs.server(CA, "second", false);
            // A key that does not match yet (the certificate is written first): not reloaded, retried at the next change.
            Files.writeString(files().cert(), second.getCertificatePEM());
            Thread.sleep(100);
            assertThat(tls.trust().certificate().getSubjectX500Principal().getName()).isEqualTo("CN=first");
            Files.writeString(files().key(), second.getPrivateKeyPEM());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!tls.trust().certificate().equals(second.getCertificate()) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(seen(server, trusting(CA.getCertificate()))).isEqualTo(second.getCertificate());
        }
        assertThatThrownBy(() -> tls.watch(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), Duration.ZERO))
                .hasMessageContaining("interval");
    }
}
