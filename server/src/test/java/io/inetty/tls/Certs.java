package io.inetty.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Test certificates: a CA, server certificates it issues (RSA or EC), client certificates, PEM files. */
final class Certs {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private Certs() {
    }

    static X509Bundle ca(String name) {
        try {
            return new CertificateBuilder().subject("CN=" + name).setIsCertificateAuthority(true).ecp256()
                    .notBefore(NOW.minus(Duration.ofDays(1))).notAfter(NOW.plus(Duration.ofDays(3650))).buildSelfSigned();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A server certificate for localhost and the loopback addresses, valid from {@code from} to {@code to}. */
    static X509Bundle server(X509Bundle ca, String cn, boolean rsa, Instant from, Instant to) {
        try {
            CertificateBuilder b = new CertificateBuilder().subject("CN=" + cn).addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1").addSanIpAddress("::1").addExtendedKeyUsageServerAuth()
                    .notBefore(from).notAfter(to);
            return (rsa ? b.rsa2048() : b.ecp256()).buildIssuedBy(ca);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A server certificate valid now (the real now: the JDK client checks it). */
    static X509Bundle server(X509Bundle ca, String cn, boolean rsa) {
        Instant now = Instant.now();
        return server(ca, cn, rsa, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    static X509Bundle client(X509Bundle ca, String subject) {
        Instant now = Instant.now();
        try {
            return new CertificateBuilder().subject(subject).addExtendedKeyUsageClientAuth().ecp256()
                    .notBefore(now.minus(Duration.ofDays(1))).notAfter(now.plus(Duration.ofDays(30))).buildIssuedBy(ca);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Writes the chain (leaf, then the CA) and the PKCS#8 key of {@code bundle}. */
    static void write(X509Bundle bundle, Path cert, Path key) throws IOException {
        java.nio.file.Files.writeString(cert, bundle.getCertificatePathPEM() + bundle.getRootCertificatePEM(), US_ASCII);
        java.nio.file.Files.writeString(key, bundle.getPrivateKeyPEM(), US_ASCII);
    }

    /** The certificate and key files of a test in {@code dir}. */
    record Files(Path cert, Path key) {
        Files(Path dir) {
            this(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        }

        void write(X509Bundle bundle) throws IOException {
            Certs.write(bundle, cert, key);
        }
    }

    static Path pem(Path dir, String name, String text) throws IOException {
        return java.nio.file.Files.writeString(dir.resolve(name), text, US_ASCII);
    }
}
