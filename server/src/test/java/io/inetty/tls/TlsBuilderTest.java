package io.inetty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and checking certificates: every configuration mistake is one line naming the setting and the file. */
class TlsBuilderTest {
    private static final Clock CLOCK = Clock.fixed(Certs.NOW, ZoneOffset.UTC);
    private static final X509Bundle CA = Certs.ca("Test CA");

    @TempDir
    Path dir;

    private Path cert() {
        return dir.resolve("cert.pem");
    }

    private Path key() {
        return dir.resolve("key.pem");
    }

    private TlsBuilder files() {
        return Tls.builder().certificate(cert(), key()).clock(CLOCK);
    }

    private static void assertFails(TlsBuilder b, TlsException.Source source, String detail) {
        assertThatThrownBy(b::build).isInstanceOfSatisfying(TlsException.class, e -> {
            assertThat(e.source()).isEqualTo(source);
            assertThat(e.detail()).contains(detail);
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(source.label() + ": ");
        });
    }

    @Test
    void loadsAChainWithAnRsaOrAnEcKey() throws Exception {
        for (boolean rsa : new boolean[] {true, false}) {
            X509Bundle server = Certs.server(CA, "server", rsa, Certs.NOW.minus(Duration.ofDays(1)),
                    Certs.NOW.plus(Duration.ofDays(1)));
            Certs.write(server, cert(), key());
            Tls tls = files().build();
            assertThat(tls.trust().certificate()).isEqualTo(server.getCertificate());
            assertThat(tls.warnings()).isEmpty();
        }
    }

    @Test
    void needsACertificateOfOneKind() {
        assertFails(Tls.builder(), TlsException.Source.CERTIFICATE, "none (expected: a certificate and key, or a self-signed");
        assertFails(files().selfSigned(), TlsException.Source.CERTIFICATE, "(expected: one or the other)");
        assertFails(files().selfSignedOut(dir.resolve("x.pem")), TlsException.Source.SELF_SIGNED_OUT,
                "(expected: only with a self-signed certificate)");
        assertThat(TlsException.Source.SELF_SIGNED_OUT.label()).isEqualTo("selfSignedOut");
    }

    @Test
    void missingUnreadableOrWrongFilesAreNamed() throws Exception {
        assertFails(files(), TlsException.Source.CERTIFICATE, "'" + cert() + "' (no such file)");
        Certs.write(Certs.server(CA, "server", false), cert(), key());
        Files.delete(key());
        assertFails(files(), TlsException.Source.KEY, "'" + key() + "' (no such file)");
        assertFails(Tls.builder().certificate(dir, key()), TlsException.Source.CERTIFICATE, "(a directory; expected a PEM file)");
        Certs.pem(dir, "key.pem", "hello\n");
        assertFails(files(), TlsException.Source.KEY, "no '-----BEGIN PRIVATE KEY-----' block");
        Certs.pem(dir, "cert.pem", "not a certificate\n");
        assertFails(files(), TlsException.Source.CERTIFICATE, "'" + cert() + "' (");
        Files.write(cert(), new byte[PemFiles.MAX_BYTES + 1]);
        assertFails(files(), TlsException.Source.CERTIFICATE, "(larger than 1048576 bytes");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Certs.write(Certs.server(CA, "one", false), cert(), key());
        Path otherKey = dir.resolve("other-key.pem");
        Certs.write(Certs.server(CA, "two", false), dir.resolve("other.pem"), otherKey);
        assertFails(Tls.builder().certificate(cert(), otherKey), TlsException.Source.KEY,
                "'" + otherKey + "' (does not match the certificate '" + cert() + "')");
        Path rsaKey = dir.resolve("rsa-key.pem");
        Certs.write(Certs.server(CA, "three", true), dir.resolve("rsa.pem"), rsaKey);
        assertFails(Tls.builder().certificate(cert(), rsaKey), TlsException.Source.KEY, "does not match the certificate");
    }

    @Test
    void pkcs1AndEncryptedKeysSayWhatToDo() throws Exception {
        Certs.write(Certs.server(CA, "server", true), cert(), key());
        Certs.pem(dir, "key.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        assertFails(files(), TlsException.Source.KEY, "a PKCS#1/SEC1 key; convert it to PKCS#8: openssl pkcs8 -topk8");
        Certs.pem(dir, "key.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertFails(files(), TlsException.Source.KEY, "an encrypted key");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsAWarningNotAnError() throws Exception {
        Certs.write(Certs.server(CA, "old", false, Certs.NOW.minus(Duration.ofDays(30)),
                Certs.NOW.minus(Duration.ofDays(1))), cert(), key());
        assertThat(files().build().warnings()).singleElement().asString()
                .contains("certificate '" + cert() + "' expired on 2026-11-29T12:00:00Z");
        Certs.write(Certs.server(CA, "early", false, Certs.NOW.plus(Duration.ofDays(1)),
                Certs.NOW.plus(Duration.ofDays(30))), cert(), key());
        assertThat(files().build().warnings()).singleElement().asString().contains("is not valid before");
    }

    @Test
    void aMissingClientCaIsNamed() throws Exception {
        Certs.write(Certs.server(CA, "server", false), cert(), key());
        assertFails(files().clientCa(dir.resolve("ca.pem")), TlsException.Source.CLIENT_CA, "(no such file)");
    }

    @Test
    void aSelfSignedCertificateCoversTheNamesAndIsWrittenForClients() throws Exception {
        Path out = dir.resolve("trust.pem");
        Tls tls = Tls.builder().selfSigned(List.of("node-1.example", "[2001:db8::1]", "192.0.2.5")).selfSignedOut(out)
                .clock(CLOCK).build();
        TrustMaterial trust = tls.trust();
        assertThat(trust.certificate().getSubjectAlternativeNames()).extracting(san -> san.get(1).toString())
                .containsExactlyInAnyOrder("node-1.example", "2001:db8:0:0:0:0:0:1", "192.0.2.5", "localhost",
                        "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(trust.certificate().getNotAfter().toInstant()).isEqualTo(Certs.NOW.plus(SelfSigned.VALIDITY));
        assertThat(Files.readString(out)).isEqualTo(trust.pem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(trust.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(tls.reload()).as("nothing to read again").isFalse();
        assertFails(Tls.builder().selfSigned().selfSignedOut(dir.resolve("no/such/dir/trust.pem")),
                TlsException.Source.SELF_SIGNED_OUT, "(not writable: ");
    }

    @Test
    void theJdkEngineCanBeChosen() {
        assertThat(Tls.builder().selfSigned().engine(TlsEngine.JDK).build().engine()).isEqualTo(TlsEngine.JDK);
        assertThat(TlsEngine.AUTO.resolve()).isEqualTo(TlsEngine.openSslAvailable() ? TlsEngine.OPENSSL : TlsEngine.JDK);
    }
}
