package io.inetty.cli;

import io.inetty.cli.options.Reloadable;
import io.inetty.cli.options.ServeFeature;
import io.inetty.cli.systemd.Notify;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;

/**
 * {@code serve} once configured: SIGTERM or SIGINT stops (a second one at once): not ready at once (every feature's
 * {@link ServeFeature#stopping()}, e.g. the admin endpoint's {@code /readyz} turns 503, and {@code STOPPING=1}), the
 * listeners keep accepting for the shutdown delay, then the drain. SIGHUP reloads and never stops; standard output
 * gets the stable {@code listening}/{@code ready} lines and nothing else; with {@code NOTIFY_SOCKET},
 * {@code READY=1} follows the {@code ready} line.
 */
final class Daemon {
    private final Logger log;
    private final List<Reloadable> reloadables;
    private final Notify notify;
    private final Duration shutdownDelay;
    private final CountDownLatch stop = new CountDownLatch(1);

    /** Takes over the signals at once, so that one arriving while the server starts is not lost. */
    Daemon(Logger log, List<Reloadable> reloadables, Notify notify, Duration shutdownDelay) {
        this.log = log;
        this.reloadables = List.copyOf(reloadables);
        this.notify = notify;
        this.shutdownDelay = shutdownDelay;
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
                notify.ready("serving " + (server.endpoints().size() + started.size()) + " socket(s)");
                if (!exitAfterReady) {
                    stop.await();
                }
                features.forEach(ServeFeature::stopping);
                if (!exitAfterReady) {
                    delay();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.flush();
            features.forEach(ServeFeature::stopped);
        }
        return ExitCodes.OK;
    }

    /** Not ready from now on ({@code STOPPING=1}); keeps serving for the shutdown delay; the drain follows. */
    private void delay() throws InterruptedException {
        if (shutdownDelay.isZero()) {
            notify.stopping("draining");
            return;
        }
        notify.stopping("not ready; draining in " + shutdownDelay.toMillis() + " ms");
        log.info("stopping: not ready; still serving for the shutdown delay ({} ms) before the drain (a second"
                + " signal stops at once)", shutdownDelay.toMillis());
        Thread.sleep(shutdownDelay.toMillis());
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
