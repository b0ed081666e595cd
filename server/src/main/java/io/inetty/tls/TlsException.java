package io.inetty.tls;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A TLS configuration mistake (missing or unreadable file, key not matching the certificate, no certificate
 * at all): {@link #source()} tells which setting, {@link #detail()} what is wrong, so a command line can name
 * its own option ({@code --tls-key: '/etc/k.pem' (no such file)}).
 */
public final class TlsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting a failure is about. */
    public enum Source {
        /** The certificate chain file, or the choice of a certificate. */
        CERTIFICATE,
        /** The private key file. */
        KEY,
        /** The file of CA certificates that client certificates must chain to. */
        CLIENT_CA,
        /** Where the self-signed certificate is written. */
        SELF_SIGNED_OUT,
        /** The TLS engine. */
        ENGINE;

        /** The builder's name of the setting ({@code clientCa}). */
        public String label() {
            String s = name().toLowerCase(Locale.ROOT);
            int u;
            while ((u = s.indexOf('_')) >= 0) {
                s = s.substring(0, u) + Character.toUpperCase(s.charAt(u + 1)) + s.substring(u + 2);
            }
            return s;
        }
    }

    private final Source source;
    private final String detail;

    TlsException(Source source, String detail) {
        super(requireNonNull(source, "source").label() + ": " + requireNonNull(detail, "detail"));
        this.source = source;
        this.detail = detail;
    }

    /** Which setting is wrong. */
    public Source source() {
        return source;
    }

    /** What is wrong, starting with the value as given ({@code '/etc/k.pem' (no such file)}). */
    public String detail() {
        return detail;
    }
}
