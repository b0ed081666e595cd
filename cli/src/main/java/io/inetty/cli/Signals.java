package io.inetty.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * The signals of {@code serve}: SIGTERM and SIGINT run a graceful stop, a second one ends the process at once
 * (128 + signal); SIGHUP reloads. A signal the process inherited as ignored (SIGINT and SIGQUIT of a background job
 * of a non-interactive shell, SIGHUP under nohup) stays ignored: the JVM keeps that Unix convention.
 */
final class Signals {
    private Signals() {
    }

    @SuppressWarnings("removal")
    static void onStop(Runnable graceful) {
        AtomicBoolean first = new AtomicBoolean(true);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (first.getAndSet(false)) {
                    graceful.run();
                } else {
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
            });
        }
    }

    /** SIGHUP runs {@code reload} (on the JVM's signal thread) instead of ending the process. */
    @SuppressWarnings("removal")
    static void onReload(Runnable reload) {
        Signal.handle(new Signal("HUP"), signal -> reload.run());
    }
}
