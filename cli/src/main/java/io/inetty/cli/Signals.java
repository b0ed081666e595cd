package io.inetty.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/** SIGTERM and SIGINT: the first runs a graceful stop, a second one ends the process at once (128 + signal). */
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
}
