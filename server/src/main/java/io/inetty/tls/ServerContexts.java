package io.inetty.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProtocols;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** Builds the server's {@link SslContext}: TLS 1.3 and 1.2 only; client certificates required with a client CA. */
final class ServerContexts {
    /** The protocol versions served. */
    static final String[] PROTOCOLS = {SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2};

    private ServerContexts() {
    }

    static SslContext build(Material material, X509Certificate[] clientCa, TlsEngine engine) {
        SslContextBuilder b = SslContextBuilder.forServer(material.key(), material.chain())
                .sslProvider(engine.provider())
                .protocols(PROTOCOLS);
        if (clientCa != null) {
            b.trustManager(clientCa).clientAuth(ClientAuth.REQUIRE);
        }
        try {
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsException(TlsException.Source.CERTIFICATE, "not usable for TLS (" + e.getMessage() + ")");
        }
    }
}
