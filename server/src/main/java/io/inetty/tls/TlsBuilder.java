package io.inetty.tls;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Collects the settings of a {@link Tls} contributor: a certificate and key from PEM files, or a self-signed
 * certificate generated at start; optionally a client CA (mTLS) and the engine.
 */
public final class TlsBuilder {
    Path certificate;
    Path key;
    List<String> selfSignedNames;
    Path selfSignedOut;
    Path clientCa;
    TlsEngine engine = TlsEngine.AUTO;
    Clock clock = Clock.systemUTC();

    TlsBuilder() {
    }

    /** Serves the PEM certificate chain in {@code chain} (leaf first) with the PKCS#8 RSA or EC key in {@code key}. */
    public TlsBuilder certificate(Path chain, Path key) {
        this.certificate = requireNonNull(chain, "chain");
        this.key = requireNonNull(key, "key");
        return this;
    }

    /** Serves a certificate generated at start for {@code localhost}, 127.0.0.1 and ::1. */
    public TlsBuilder selfSigned() {
        return selfSigned(List.of());
    }

    /**
     * Serves a certificate generated at start for {@code names} (host names and address literals, e.g. the bound
     * ones), plus {@code localhost}, 127.0.0.1 and ::1.
     */
    public TlsBuilder selfSigned(List<String> names) {
        this.selfSignedNames = List.copyOf(requireNonNull(names, "names"));
        return this;
    }

    /** Writes the self-signed certificate (PEM) to {@code file}, so a client can trust it. */
    public TlsBuilder selfSignedOut(Path file) {
        this.selfSignedOut = requireNonNull(file, "file");
        return this;
    }

    /** Requires client certificates that chain to a CA in the PEM file {@code file} (mutual TLS). */
    public TlsBuilder clientCa(Path file) {
        this.clientCa = requireNonNull(file, "file");
        return this;
    }

    /** The TLS engine (default {@link TlsEngine#AUTO}). */
    public TlsBuilder engine(TlsEngine engine) {
        this.engine = requireNonNull(engine, "engine");
        return this;
    }

    /** The clock of the validity checks and of the self-signed certificate's validity (tests). */
    public TlsBuilder clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Loads and checks everything and builds the contributor. Throws {@link TlsException} for a missing or
     * unreadable file, a key that does not match the certificate, neither or both of a certificate and a
     * self-signed one, or a self-signed output file without a self-signed certificate.
     */
    public Tls build() {
        if (certificate == null && selfSignedNames == null) {
            throw new TlsException(TlsException.Source.CERTIFICATE,
                    "none (expected: a certificate and key, or a self-signed certificate)");
        }
        if (certificate != null && selfSignedNames != null) {
            throw new TlsException(TlsException.Source.CERTIFICATE,
                    "'" + certificate + "' and a self-signed certificate (expected: one or the other)");
        }
        if (selfSignedOut != null && selfSignedNames == null) {
            throw new TlsException(TlsException.Source.SELF_SIGNED_OUT,
                    "'" + selfSignedOut + "' (expected: only with a self-signed certificate)");
        }
        return new Tls(this);
    }
}
