package io.inetty.junit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.protocols.Services;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.NoSuchElementException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tls()}: each TCP service also over TLS, with a self-signed certificate a client trusts through {@code trust()}. */
class TlsTest {
    @RegisterExtension
    static InettyExtension inetty = InettyExtension.builder().service(Services.ECHO).service(Services.DAYTIME).tls()
            .build();

    @Test
    void echoOverTlsWithTheCertificateTrustedAndItsAddressVerified(InettyEndpoints endpoints) throws Exception {
        InetSocketAddress tls = endpoints.tls("echo");
        assertThat(tls.getPort()).isNotZero().isNotEqualTo(endpoints.tcp("echo").getPort());
        try (SSLSocket s = open(inetty.trust().sslContext(), tls)) {
            assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            s.getOutputStream().write("secret\n".getBytes(US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(7), US_ASCII)).isEqualTo("secret\n");
        }
        assertThat(Clients.tcp(endpoints.tcp("echo"), "plain\n")).isEqualTo("plain\n");
        assertThat(inetty.trust().pem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsItsHandshake(InettyEndpoints endpoints) {
        assertThatThrownBy(() -> open(SSLContext.getDefault(), endpoints.tls("daytime")).close())
                .isInstanceOf(SSLHandshakeException.class);
    }

    /** Connects, verifying the certificate's names against the address as HTTPS does, and completes the handshake. */
    private static SSLSocket open(SSLContext context, InetSocketAddress address) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            SSLParameters parameters = s.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(parameters);
            s.setSoTimeout(Clients.TIMEOUT_MS);
            s.connect(address, Clients.TIMEOUT_MS);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Nested
    class WithoutTls {
        @RegisterExtension
        static InettyExtension plain = InettyExtension.builder().service(Services.ECHO).build();

        @Test
        void noTlsAddressAndNoTrust(InettyEndpoints endpoints) {
            assertThatThrownBy(() -> endpoints.tls("echo")).isInstanceOf(NoSuchElementException.class)
                    .hasMessage("service: echo/tls (not served; served: [echo/tcp, echo/udp])");
            assertThatThrownBy(plain::trust).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("inetty: no TLS");
        }
    }

    @Nested
    @InettyTest(services = "daytime", tls = true)
    class Annotated {
        @Test
        void theAnnotationServesTlsToo(InettyEndpoints endpoints, InettyExtension annotated) throws Exception {
            try (SSLSocket s = open(annotated.trust().sslContext(), endpoints.tls("daytime"))) {
                assertThat(new String(s.getInputStream().readAllBytes(), US_ASCII)).endsWith("\r\n");
            }
        }
    }
}
