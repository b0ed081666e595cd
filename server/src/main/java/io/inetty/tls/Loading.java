package io.inetty.tls;

import io.inetty.tls.TlsException.Source;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Loads a certificate chain and its key from PEM files and checks them. */
final class Loading {
    private Loading() {
    }

    /** The chain and key of the files; adds a line to {@code warnings} for a certificate outside its validity. */
    static Material fromFiles(Path certFile, Path keyFile, Clock clock, List<String> warnings) {
        X509Certificate[] chain = PemFiles.certificates(certFile, Source.CERTIFICATE);
        PrivateKey key = PemFiles.privateKey(keyFile);
        PemFiles.checkPair(key, chain[0], keyFile, certFile);
        Instant now = clock.instant();
        X509Certificate leaf = chain[0];
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            warnings.add("certificate " + PemFiles.quote(certFile) + " expired on " + leaf.getNotAfter().toInstant()
                    + " (clients will refuse it)");
        } else if (leaf.getNotBefore().toInstant().isAfter(now)) {
            warnings.add("certificate " + PemFiles.quote(certFile) + " is not valid before "
                    + leaf.getNotBefore().toInstant() + " (clients will refuse it)");
        }
        return new Material(key, chain, false);
    }
}
