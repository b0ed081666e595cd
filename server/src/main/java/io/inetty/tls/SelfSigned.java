package io.inetty.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.NetUtil;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Generates a self-signed server certificate (EC P-256, netty-pkitesting) for a set of names and addresses. */
final class SelfSigned {
    /** How long a generated certificate is valid. */
    static final Duration VALIDITY = Duration.ofDays(365);

    private SelfSigned() {
    }

    /** The names a certificate for {@code names} covers: each one, plus {@code localhost}, 127.0.0.1 and ::1. */
    static Set<String> names(List<String> names) {
        Set<String> all = new LinkedHashSet<>();
        for (String n : names) {
            String s = n.strip();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            int scope = s.indexOf('%');
            if (scope >= 0) {
                s = s.substring(0, scope);
            }
            if (!s.isEmpty()) {
                all.add(s);
            }
        }
        all.add("localhost");
        all.add("127.0.0.1");
        all.add("::1");
        return all;
    }

    static Material generate(Set<String> names, Clock clock) {
        Instant now = clock.instant();
        CertificateBuilder b = new CertificateBuilder()
                .subject("CN=" + names.iterator().next() + ", O=inetty self-signed")
                .ecp256()
                .notBefore(now.minus(Duration.ofHours(1)))
                .notAfter(now.plus(VALIDITY))
                // Self-signed and its own trust anchor, as 'openssl req -x509' makes it: CA:TRUE, may sign itself.
                .setIsCertificateAuthority(true)
                .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature, CertificateBuilder.KeyUsage.keyCertSign)
                .addExtendedKeyUsageServerAuth();
        for (String name : names) {
            if (NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)) {
                b.addSanIpAddress(name);
            } else {
                b.addSanDnsName(name);
            }
        }
        try {
            X509Bundle bundle = b.buildSelfSigned();
            return new Material(bundle.getKeyPair().getPrivate(), bundle.getCertificatePath(), true);
        } catch (Exception e) {
            throw new TlsException(TlsException.Source.CERTIFICATE, "self-signed (could not generate: " + e + ")");
        }
    }
}
