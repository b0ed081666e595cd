package io.inetty.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key and its certificate chain (leaf first), as served. */
record Material(PrivateKey key, X509Certificate[] chain, boolean selfSigned) {
    X509Certificate leaf() {
        return chain[0];
    }
}
