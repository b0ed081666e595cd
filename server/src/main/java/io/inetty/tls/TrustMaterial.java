package io.inetty.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client needs to trust a server's certificate (typically a self-signed one): the certificate, its PEM
 * text, its SHA-256 fingerprint, and ready-made JDK trust objects for tests.
 */
public final class TrustMaterial {
    private final X509Certificate certificate;

    TrustMaterial(X509Certificate certificate) {
        this.certificate = requireNonNull(certificate, "certificate");
    }

    /** The certificate to trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}, 64-column lines, final newline). */
    public String pem() {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The SHA-256 fingerprint as {@code openssl x509 -fingerprint -sha256} prints it ({@code AB:CD:…}). */
    public String sha256Fingerprint() {
        return fingerprint(certificate);
    }

    /** A trust manager factory that trusts only this certificate. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("inetty", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("trust store: " + e, e);
        }
    }

    /** A client {@link SSLContext} (TLS 1.2/1.3) that trusts only this certificate. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SSL context: " + e, e);
        }
    }

    /** Writes {@link #pem()} to {@code file} (replaced atomically, so a reader never sees half of it). */
    public void writeTo(Path file) {
        requireNonNull(file, "file");
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".inetty-cert", ".tmp");
            Files.writeString(tmp, pem(), US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256: " + e, e);
        }
    }

    private byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate: " + e, e);
        }
    }

    @Override
    public String toString() {
        return certificate.getSubjectX500Principal().getName() + " SHA-256 " + sha256Fingerprint();
    }
}
