package io.inetty.cli;

import io.inetty.cli.options.Reloadable;
import io.inetty.cli.options.ServeFeature;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;

/**
 * {@code serve} once configured: SIGTERM or SIGINT stops with a drain (a second one at once), SIGHUP reloads and
 * never stops; standard output gets the stable {@code listening}/{@code ready} lines and nothing else.
 */
final class Daemon {
    private final Logger log;
    private final List<Reloadable> reloadables;
    private final CountDownLatch stop = new CountDownLatch(1);

    /** Takes over the signals at once, so that one arriving while the server starts is not lost. */
    Daemon(Logger log, List<Reloadable> reloadables) {
        this.log = log;
        this.reloadables = List.copyOf(reloadables);
        Signals.onStop(stop::countDown);
        Signals.onReload(this::reload);
    }

    /**
     * Announces the endpoints, starts what the features serve beside the server (the admin endpoint, whose lines come
     * before {@code ready}), and serves until a stop signal (or at once for the build's training run); the features
     * are told when the stop is asked, and stop after the server's drain.
     */
    int serve(InettyServer server, List<ServeFeature> features, PrintWriter out, boolean exitAfterReady) {
        try {
            try (server) {
                List<String> started = new ArrayList<>(); // before any line: a failure prints none
                for (ServeFeature f : features) {
                    started.addAll(f.start(server));
                }
                for (Endpoint e : server.endpoints()) {
                    out.println("listening " + e.service() + " " + e.label() + " " + e.hostAndPort());
                }
                started.forEach(out::println);
                out.println("ready");
                out.flush();
                if (!exitAfterReady) {
                    stop.await();
                }
                features.forEach(ServeFeature::stopping);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.flush();
            features.forEach(ServeFeature::stopped);
        }
        return ExitCodes.OK;
    }

    /** SIGHUP: reloads what can be reloaded; a failure is logged and the previous state kept. */
    void reload() {
        if (reloadables.isEmpty()) {
            log.info("SIGHUP: nothing to reload (no --quotes file, no TLS certificate files)");
        }
        for (Reloadable r : reloadables) {
            try {
                log.info("SIGHUP: reloaded {}", r.reload());
            } catch (Exception e) {
                log.warn("SIGHUP: {}; still serving what was loaded before", e.getMessage());
            }
        }
    }
}
