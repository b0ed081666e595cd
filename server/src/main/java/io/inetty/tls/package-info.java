/**
 * TLS on any TCP service: a {@link io.inetty.tls.Tls} contributor at the TLS slot adds Netty's
 * {@code SslHandler} (stage {@code inetty.tls}) to the connections of bindings that carry
 * {@link io.inetty.tls.TlsOptions}; other bindings pay nothing. Certificates come from PEM files (a chain and a
 * PKCS#8 RSA or EC key, reloaded when the files change or on {@link io.inetty.tls.Tls#reload()}) or are
 * generated at start (self-signed, its {@link io.inetty.tls.TrustMaterial} available to clients). TLS 1.2 and
 * 1.3 only; OpenSSL (BoringSSL) where it loads, else the JDK's engine. A drain or session limit sends
 * {@code close_notify} before the TCP output is shut down; a failed handshake ends the connection as a
 * protocol error; with client certificates (mTLS) the client's subject goes to the access log.
 */
package io.inetty.tls;
