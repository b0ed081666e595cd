package io.inetty.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The timeline of a run, on the caller's thread: load, warmup, the measurement window with a progress line per
 * second, then the end. At the end the requests sent in the window get a moment to be answered (1 s over TCP,
 * the 200 ms loss timeout over UDP); then the loops are quiesced and the figures read, so they agree exactly.
 */
final class Window {
    private static final long SECOND = 1_000_000_000L;

    private final Bench run;
    private final Stats stats;
    private final List<Conn> conns;
    private final PrintWriter progress;
    private final Histogram total = new Histogram(3);
    private final Histogram second = new Histogram(3);
    private Histogram progressInterval;
    private Histogram windowInterval;

    Window(Bench run, List<Conn> conns, PrintWriter progress) {
        this.run = run;
        this.stats = run.stats;
        this.conns = conns;
        this.progress = progress;
    }

    Result measure() {
        long t0 = System.nanoTime();
        run.loadStart = t0;
        for (Conn c : conns) {
            (c.channel != null ? c.channel.eventLoop() : run.anyLoop()).execute(c::start);
        }
        long warmEnd = t0 + run.config.warmup.toNanos();
        long end = warmEnd + run.config.duration.toNanos();
        long windowStart = warmEnd;
        long nextTick = t0 + SECOND;
        long lastMessages = 0;
        long lastBytes = 0;
        long lastTick = t0;
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(Math.min(nextTick, end), stats.measuring ? Long.MAX_VALUE : warmEnd);
            if (now < wake) {
                LockSupport.parkNanos(wake - now);
                continue;
            }
            if (!stats.measuring && now >= warmEnd && now < end) {
                stats.measuring = true;
                windowStart = now;
            }
            if (now >= nextTick) {
                collect();
                long messages = stats.progressMessages.sum();
                long bytes = stats.progressBytes.sum();
                if (progress != null) {
                    progress.println(line((nextTick - t0) / SECOND, nextTick <= warmEnd, messages - lastMessages,
                            bytes - lastBytes, now - lastTick));
                    progress.flush();
                }
                second.reset();
                lastMessages = messages;
                lastBytes = bytes;
                lastTick = now;
                nextTick += SECOND;
                conns.forEach(c -> c.checkStall(now, BenchConfig.TCP_TIMEOUT_NANOS));
            }
            if (now >= end) {
                return finish(windowStart, now);
            }
        }
    }

    private Result finish(long windowStart, long windowEnd) {
        stats.measuring = false;
        long drain = windowEnd + (run.config.udp ? BenchConfig.UDP_TIMEOUT_NANOS + 20_000_000L : SECOND);
        while (System.nanoTime() < drain && conns.stream().anyMatch(c -> c.pending)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        run.stopping = true;
        run.quiesce();
        long now = System.nanoTime();
        conns.forEach(c -> c.settle(now));
        collect();
        for (Conn c : conns) {
            var f = c.close();
            if (f != null) {
                f.awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
        return new Result(run.config, run.transport(), windowEnd - windowStart, stats,
                run.config.mode.latency ? total : null);
    }

    /** Moves the latencies recorded since the last call into the second's and the window's histograms. */
    private void collect() {
        progressInterval = stats.progressLatency.getIntervalHistogram(progressInterval);
        second.add(progressInterval);
        windowInterval = stats.latency.getIntervalHistogram(windowInterval);
        total.add(windowInterval);
    }

    private String line(long at, boolean warmup, long messages, long bytes, long nanos) {
        double seconds = nanos / 1e9;
        Mode mode = run.config.mode;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4ds", at));
        if (mode.bulk()) {
            line.append(String.format(Locale.ROOT, "  %,10.1f MB/s", bytes / seconds / 1e6));
        } else {
            line.append(String.format(Locale.ROOT, "  %,10.0f %s", messages / seconds, mode.rateUnit(run.config.udp)));
            line.append(String.format(Locale.ROOT, "  p99 %,7.0f us", second.getValueAtPercentile(99) / 1e3));
        }
        line.append("  errors ").append(stats.errors());
        if (run.config.udp) {
            line.append("  lost ").append(stats.lost.sum());
        }
        return warmup ? line.append("  (warmup)").toString() : line.toString();
    }
}
