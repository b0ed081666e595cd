package io.inetty.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which TLS implementation serves the handshakes and records. */
public enum TlsEngine {
    /** OpenSSL (BoringSSL, from netty-tcnative) where it loads, else the JDK's engine; the fallback is logged. */
    AUTO,
    /** OpenSSL (BoringSSL); fails if the native library does not load on this platform. */
    OPENSSL,
    /** The JDK's {@code SSLEngine}. */
    JDK;

    private static final Logger log = LoggerFactory.getLogger(TlsEngine.class);

    /** Whether OpenSSL loads here. */
    public static boolean openSslAvailable() {
        return OpenSsl.isAvailable();
    }

    /** The concrete engine ({@link #OPENSSL} or {@link #JDK}); throws {@link TlsException} if OpenSSL is asked for and absent. */
    public TlsEngine resolve() {
        if (this == JDK) {
            return JDK;
        }
        if (OpenSsl.isAvailable()) {
            return OPENSSL;
        }
        String why = String.valueOf(OpenSsl.unavailabilityCause());
        if (this == OPENSSL) {
            throw new TlsException(TlsException.Source.ENGINE, "openssl (not available here: " + why + ")");
        }
        log.info("TLS: OpenSSL is not available ({}); using the JDK's TLS engine", why);
        return JDK;
    }

    SslProvider provider() {
        return resolve() == OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** {@code OpenSSL 1.1.1 (compatible; BoringSSL)} or {@code JDK}. */
    String describe() {
        return resolve() == OPENSSL ? OpenSsl.versionString() : "JDK " + Runtime.version().feature();
    }
}
