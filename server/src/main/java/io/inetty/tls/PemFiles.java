package io.inetty.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.inetty.tls.TlsException.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM certificates and PKCS#8 keys, bounded, with one-line errors naming the file. */
final class PemFiles {
    /** PEM files are small; anything larger is not one (e.g. {@code /dev/zero}). */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in order (a chain: leaf first). */
    static X509Certificate[] certificates(Path file, Source source) {
        byte[] bytes = read(file, source);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Collection<? extends java.security.cert.Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new TlsException(source, quote(file) + " (no PEM certificate in it)");
            }
            return all.toArray(new X509Certificate[0]);
        } catch (CertificateException | IOException e) {
            throw new TlsException(source, quote(file) + " (not a PEM certificate: " + e.getMessage() + ")");
        }
    }

    /** The unencrypted PKCS#8 RSA or EC key in {@code file}. */
    static PrivateKey privateKey(Path file) {
        String text = new String(read(file, Source.KEY), US_ASCII);
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            String why = text.contains("BEGIN ENCRYPTED PRIVATE KEY") ? "an encrypted key; expected an unencrypted PKCS#8 key"
                    : text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                    ? "a PKCS#1/SEC1 key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8"
                    : "no '-----BEGIN PRIVATE KEY-----' block; expected a PEM PKCS#8 RSA or EC key";
            throw new TlsException(Source.KEY, quote(file) + " (" + why + ")");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new TlsException(Source.KEY, quote(file) + " (not an RSA or EC PKCS#8 key)");
    }

    /** Fails unless {@code key} is the private half of {@code certificate}'s public key. */
    static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile) {
        PublicKey pub = certificate.getPublicKey();
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        boolean match;
        try {
            byte[] probe = "inetty key check".getBytes(US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(probe);
            match = pub.getAlgorithm().equals(key.getAlgorithm()) && verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            match = false;
        }
        if (!match) {
            throw new TlsException(Source.KEY, quote(keyFile) + " (does not match the certificate "
                    + quote(certFile) + ")");
        }
    }

    static byte[] read(Path file, Source source) {
        try {
            if (Files.isDirectory(file)) {
                throw new TlsException(source, quote(file) + " (a directory; expected a PEM file)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new TlsException(source, quote(file) + " (larger than " + MAX_BYTES + " bytes; expected a PEM file)");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new TlsException(source, quote(file) + " (no such file)");
        } catch (AccessDeniedException e) {
            throw new TlsException(source, quote(file) + " (not readable: permission denied)");
        } catch (IOException e) {
            throw new TlsException(source, quote(file) + " (not readable: " + e.getMessage() + ")");
        }
    }

    static String quote(Path file) {
        return "'" + file + "'";
    }
}
