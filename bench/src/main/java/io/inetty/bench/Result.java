package io.inetty.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The figures of a finished run, as a text summary ({@link #text}) or as one JSON object ({@link #json}). */
public final class Result {
    final BenchConfig config;
    final String transport;
    final double seconds;
    /** The run's counters, final once the event loops were quiesced. */
    final Stats stats;
    final long sent;
    final long messages;
    final long errors;
    /** Latencies in nanoseconds of the requests sent in the window; null for the bulk modes. */
    final Histogram latency;

    Result(BenchConfig config, String transport, long windowNanos, Stats stats, Histogram latency) {
        this.config = config;
        this.transport = transport;
        this.seconds = Math.max(windowNanos, 1) / 1e9;
        this.stats = stats;
        this.sent = stats.sent.sum();
        this.messages = stats.messages.sum();
        this.errors = stats.errors();
        this.latency = latency;
    }

    /** Every error counted: 0 means the run was clean (lost and late datagrams are not errors). */
    public long errors() {
        return errors;
    }

    double rate() {
        return messages / seconds;
    }

    double megabytesPerSecond() {
        return stats.bytes.sum() / seconds / 1e6;
    }

    /** Lost datagrams among those sent in the window whose fate is known. */
    double lossPercent() {
        long lost = stats.lost.sum();
        return messages + lost == 0 ? 0 : 100.0 * lost / (messages + lost);
    }

    double micros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e3;
    }

    /** The human summary, several lines. */
    public String text() {
        Mode mode = config.mode;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s %s  (%s, %d thread%s)%n", mode.fullName(config.udp),
                config.service, ResultJson.hostPort(config), transport, config.threads,
                config.threads == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "  connections  %d   size %s   duration %.2f s (+%.2f s warmup)%s%n",
                config.connections, mode == Mode.SOURCE ? "-" : config.size + " B", seconds,
                config.warmup.toNanos() / 1e9,
                config.rate > 0 ? String.format(Locale.ROOT, "   target %,d msg/s", config.rate) : ""));
        if (mode.bulk()) {
            b.append(String.format(Locale.ROOT, "  throughput   %,.1f MB/s  (%s)%n", megabytesPerSecond(),
                    mode == Mode.STREAM ? "echoed and verified" : mode == Mode.SINK ? "written" : "read and verified"));
        } else {
            b.append(String.format(Locale.ROOT, "  throughput   %,.0f %s   %,.2f MB/s   (%,d sent, %,d answered)%n",
                    rate(), mode.rateUnit(config.udp), megabytesPerSecond(), sent, messages));
        }
        if (latency != null) {
            b.append(String.format(Locale.ROOT,
                    "  latency us   p50 %,.1f   p90 %,.1f   p99 %,.1f   p99.9 %,.1f   max %,.1f   (%,d samples%s)%n",
                    micros(50), micros(90), micros(99), micros(99.9), latency.getMaxValue() / 1e3,
                    latency.getTotalCount(), config.rate > 0 ? ", from the scheduled send times" : ""));
        }
        Stats s = stats;
        b.append(String.format(Locale.ROOT, "  errors       %d   (mismatches %d, conn errors %d, connect failures %d,"
                + " timeouts %d, no reply %d", errors, s.mismatches.sum(), s.connErrors.sum(), s.connectFailures.sum(),
                s.timeouts.sum(), s.noReply.sum()));
        if (config.udp) {
            b.append(String.format(Locale.ROOT, ", refused %d)%n  datagrams    sent %,d   lost %,d (%.3f%%)   late %,d%n",
                    s.refused.sum(), sent, s.lost.sum(), lossPercent(), s.late.sum()));
        } else if (mode == Mode.SINK) {
            b.append(String.format(Locale.ROOT, ", bytes sent back %d)%n", s.extraBytes.sum()));
        } else {
            b.append(String.format(Locale.ROOT, ")%n"));
        }
        return b.toString();
    }

    /** One JSON object on one line, stable keys for every mode ({@code latency_us} is null for bulk modes). */
    public String json() {
        return ResultJson.of(this);
    }
}
