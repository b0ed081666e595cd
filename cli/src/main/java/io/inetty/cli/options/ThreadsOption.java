package io.inetty.cli.options;

import picocli.CommandLine.Option;

/** {@code --threads N}: event-loop threads of {@code serve} (the server) or {@code bench} (the client). */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "0") int threads;

    /** The number of threads, at most {@code max}; a usage error if negative. */
    public int resolve(int max, Sources sources) {
        if (threads < 0) {
            throw sources.usage(sources.of("--threads") + ": " + threads + " (expected: 0 for one per CPU, or more)");
        }
        return Math.min(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, max);
    }
}
