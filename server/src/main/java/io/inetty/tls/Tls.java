package io.inetty.tls;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Endpoint;
import io.inetty.server.OutputShutdown;
import io.inetty.server.PipelineContributor;
import io.inetty.server.Stages;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for the TCP bindings that carry {@link TlsOptions}: add it with {@code Inetty.builder().pipeline(tls)}.
 * Each connection gets an {@code SslHandler} of the current certificate; {@link #reload()} (or
 * {@link #watch}) swaps the certificate for new connections while open ones continue.
 */
public final class Tls implements PipelineContributor {
    private static final Logger log = LoggerFactory.getLogger(Tls.class);

    private final Path certFile;
    private final Path keyFile;
    private final Path clientCaFile;
    private final TlsEngine engine;
    private final Clock clock;
    /** The files {@link #watch} polls: certificate, key and client CA, those given. */
    private final List<Path> watched;
    private final List<String> warnings = new ArrayList<>();
    private volatile Served served;
    private FileStamps lastTried;

    /** What new connections get. */
    private record Served(SslContext context, TrustMaterial trust) {
    }

    Tls(TlsBuilder b) {
        this.certFile = b.certificate;
        this.keyFile = b.key;
        this.clientCaFile = b.clientCa;
        this.clock = b.clock;
        this.watched = Stream.of(certFile, keyFile, clientCaFile).filter(Objects::nonNull).toList();
        this.engine = b.engine.resolve();
        this.lastTried = stamps();
        Material m = certFile != null ? Loading.fromFiles(certFile, keyFile, clock, warnings)
                : SelfSigned.generate(SelfSigned.names(b.selfSignedNames), clock);
        this.served = serve(m);
        if (m.selfSigned()) {
            log.info("TLS: self-signed certificate for {}, SHA-256 fingerprint {}", SelfSigned.names(b.selfSignedNames),
                    served.trust().sha256Fingerprint());
            if (b.selfSignedOut != null) {
                try {
                    served.trust().writeTo(b.selfSignedOut);
                } catch (java.io.UncheckedIOException e) {
                    throw new TlsException(TlsException.Source.SELF_SIGNED_OUT,
                            PemFiles.quote(b.selfSignedOut) + " (not writable: " + e.getCause() + ")");
                }
            }
        }
        warnings.forEach(w -> log.warn("TLS: {}", w));
        log.info("TLS: {} engine, TLSv1.3 and TLSv1.2{}", engine.describe(), clientCaFile == null ? "" : ", client certificates required");
    }

    /** A new builder. */
    public static TlsBuilder builder() {
        return new TlsBuilder();
    }

    private Served serve(Material m) {
        X509Certificate[] ca = clientCaFile == null ? null
                : PemFiles.certificates(clientCaFile, TlsException.Source.CLIENT_CA);
        return new Served(ServerContexts.build(m, ca, engine), new TrustMaterial(m.leaf()));
    }

    @Override
    public Stages.Slot slot() {
        return Stages.Slot.TLS;
    }

    @Override
    public void configureTcp(Endpoint endpoint, ChannelPipeline pipeline) {
        TlsOptions options = endpoint.options().get(TlsOptions.KEY);
        if (options == null) {
            return;
        }
        SslHandler ssl = served.context().newHandler(pipeline.channel().alloc());
        ssl.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
        pipeline.addLast(Stages.TLS, ssl);
        pipeline.addLast(TlsSession.NAME, TlsSession.INSTANCE);
        OutputShutdown.set(pipeline.channel(), CloseNotify.INSTANCE);
    }

    /** The engine in use ({@link TlsEngine#OPENSSL} or {@link TlsEngine#JDK}). */
    public TlsEngine engine() {
        return engine;
    }

    /** What a client needs to trust the certificate served now (the leaf; for a self-signed one, all it needs). */
    public TrustMaterial trust() {
        return served.trust();
    }

    /** Warnings found when the certificate was last loaded (e.g. expired), one line each. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Reads the certificate, key and client CA files again and serves them to new connections (open ones
     * continue). Returns false for a self-signed certificate (nothing to read); throws {@link TlsException}
     * when the new files are not usable, and the previous certificate stays in service.
     */
    public synchronized boolean reload() {
        lastTried = stamps();
        if (certFile == null) {
            return false;
        }
        List<String> found = new ArrayList<>();
        Served next = serve(Loading.fromFiles(certFile, keyFile, clock, found));
        served = next;
        warnings.clear();
        warnings.addAll(found);
        found.forEach(w -> log.warn("TLS: {}", w));
        log.info("TLS: certificate reloaded: {}", next.trust());
        return true;
    }

    /**
     * Polls the files every {@code interval} on {@code executor} (e.g. the server's event loops, so it ends with
     * the server) and {@linkplain #reload() reloads} once they change; a failed reload is logged, retried at
     * the next change, and the previous certificate stays in service.
     */
    public ScheduledFuture<?> watch(ScheduledExecutorService executor, Duration interval) {
        requireNonNull(executor, "executor");
        long ms = requireNonNull(interval, "interval").toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        return executor.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
    }

    synchronized void reloadIfChanged() {
        if (certFile == null || stamps().equals(lastTried)) {
            return;
        }
        try {
            reload();
        } catch (TlsException e) {
            log.warn("TLS: files changed but not reloaded, still serving {}: {}", served.trust(), e.getMessage());
        }
    }

    private FileStamps stamps() {
        return FileStamps.of(watched);
    }

    /**
     * The client certificate's subject (RFC 2253) of a TLS session, or null when the client sent none: for the access
     * log and for services that show it (whoami).
     */
    public static String clientSubject(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName(); // an X500Principal: RFC 2253
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
