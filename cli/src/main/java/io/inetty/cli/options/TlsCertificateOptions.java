package io.inetty.cli.options;

import io.inetty.server.Inetty;
import io.inetty.server.ServerConfig;
import io.inetty.server.ServiceBinding;
import io.inetty.tls.Tls;
import io.inetty.tls.TlsBuilder;
import io.inetty.tls.TlsEngine;
import io.inetty.tls.TlsException;
import io.inetty.tls.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The certificate of the {@code NAME/tls} services: {@code --tls-cert}/{@code --tls-key} (PEM files, watched and
 * reloaded on SIGHUP) or {@code --tls-self-signed} (with {@code --tls-self-signed-out}); {@code --tls-client-ca}
 * for mutual TLS; {@code --tls-engine}.
 */
public final class TlsCertificateOptions implements ServeFeature {
    /** How often the certificate files are checked for changes. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    @Option(names = "--tls-cert", paramLabel = "FILE") Path cert;
    @Option(names = "--tls-key", paramLabel = "FILE") Path key;
    @Option(names = "--tls-self-signed") boolean selfSigned;
    @Option(names = "--tls-self-signed-out", paramLabel = "FILE") Path selfSignedOut;
    @Option(names = "--tls-client-ca", paramLabel = "FILE") Path clientCa;
    @Option(names = "--tls-engine", paramLabel = "ENGINE", defaultValue = "auto") String engine;

    private final List<Reloadable> reloadables = new ArrayList<>();

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        ServerConfig config;
        try {
            config = builder.config();
        } catch (IllegalArgumentException e) {
            return; // a mistake elsewhere: the start reports it
        }
        List<ServiceBinding> tls = config.bindings().stream().filter(b -> b.options().has(TlsOptions.KEY)).toList();
        if (tls.isEmpty()) {
            if (cert != null || key != null || selfSigned || clientCa != null) {
                LoggerFactory.getLogger("inetty").warn("TLS options given but no NAME/tls service (e.g. --service echo/tls:10443)");
            }
            return;
        }
        if (cert == null && key == null && !selfSigned) {
            throw sources.usage(sources.of("--service") + ": '" + tls.get(0) + "' needs a certificate (expected: "
                    + "--tls-cert FILE --tls-key FILE, or --tls-self-signed)");
        }
        if ((cert == null) != (key == null)) {
            String missing = cert == null ? "--tls-cert" : "--tls-key";
            throw sources.usage(missing + ": missing (expected together with " + (cert == null ? sources.of("--tls-key")
                    : sources.of("--tls-cert")) + ")");
        }
        Tls built = build(config, sources);
        builder.pipeline(built);
        if (cert != null) { // a self-signed certificate has no file to read again
            reloadables.add(() -> reload(built, sources));
            ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "inetty-tls-watch");
                t.setDaemon(true);
                return t;
            });
            built.watch(watcher, WATCH_INTERVAL);
        }
    }

    private Tls build(ServerConfig config, Sources sources) {
        TlsBuilder b = Tls.builder().engine(engine(sources));
        if (cert != null) {
            b.certificate(cert, key);
        }
        if (selfSigned) {
            b.selfSigned(config.wildcard() ? HostNames.all() : config.hosts());
        }
        if (selfSignedOut != null) {
            b.selfSignedOut(selfSignedOut);
        }
        if (clientCa != null) {
            b.clientCa(clientCa);
        }
        try {
            return b.build();
        } catch (TlsException e) {
            throw sources.usage(sources.of(option(e.source())) + ": " + e.detail());
        }
    }

    private TlsEngine engine(Sources sources) {
        try {
            return TlsEngine.valueOf(engine.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw sources.usage(sources.of("--tls-engine") + ": '" + engine + "' (expected: auto, openssl or jdk)");
        }
    }

    private static String reload(Tls tls, Sources sources) throws Exception {
        try {
            tls.reload();
            return "TLS certificate " + tls.trust();
        } catch (TlsException e) {
            throw new Exception(sources.of(option(e.source())) + ": " + e.detail(), e);
        }
    }

    /** The option a {@link TlsException} is about. */
    static String option(TlsException.Source source) {
        switch (source) {
            case KEY:
                return "--tls-key";
            case CLIENT_CA:
                return "--tls-client-ca";
            case SELF_SIGNED_OUT:
                return "--tls-self-signed-out";
            case ENGINE:
                return "--tls-engine";
            default:
                return "--tls-cert";
        }
    }

    @Override
    public List<Reloadable> reloadables() {
        return reloadables;
    }
}
