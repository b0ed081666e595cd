package io.inetty.cli.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The figures of a finished run, as a text summary or as one JSON object (written by hand, stable keys). */
final class Result {
    private final BenchConfig config;
    private final String transport;
    private final double seconds;
    private final long messages;
    private final long bytes;
    private final long mismatches;
    private final long connErrors;
    private final long connectFailures;
    private final long timeouts;
    private final long refused;
    private final long extraBytes;
    private final long sent;
    private final long lost;
    private final long late;
    final long errors;
    /** Latencies in nanoseconds; null for the bulk modes. */
    private final Histogram latency;

    Result(BenchConfig config, String transport, long windowNanos, Stats s, Histogram latency) {
        this.config = config;
        this.transport = transport;
        this.seconds = Math.max(windowNanos, 1) / 1e9;
        this.messages = s.messages.sum();
        this.bytes = s.bytes.sum();
        this.mismatches = s.mismatches.sum();
        this.connErrors = s.connErrors.sum();
        this.connectFailures = s.connectFailures.sum();
        this.timeouts = s.timeouts.sum();
        this.refused = s.refused.sum();
        this.extraBytes = s.extraBytes.sum();
        this.sent = s.sent.sum();
        this.lost = s.lost.sum();
        this.late = s.late.sum();
        this.errors = s.errors();
        this.latency = latency;
    }

    double rate() {
        return messages / seconds;
    }

    double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }

    private double lossPercent() {
        return messages + lost == 0 ? 0 : 100.0 * lost / (messages + lost);
    }

    private double micros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e3;
    }

    /** The human summary, several lines. */
    String text() {
        Mode mode = config.mode();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s %s  (%s, %d thread%s)%n", mode.fullName(config.udp()),
                config.service(), hostPort(config), transport, config.threads(), config.threads() == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "  connections  %d   size %s   duration %.2f s (+%.2f s warmup)%s%n",
                config.connections(), mode == Mode.SOURCE ? "-" : config.size() + " B", seconds,
                config.warmup().toNanos() / 1e9,
                config.rate() > 0 ? String.format(Locale.ROOT, "   target %,d msg/s", config.rate()) : ""));
        if (mode.bulk()) {
            b.append(String.format(Locale.ROOT, "  throughput   %,.1f MB/s  (%s)%n", megabytesPerSecond(),
                    mode == Mode.STREAM ? "echoed and verified" : mode == Mode.SINK ? "written" : "read and verified"));
        } else {
            b.append(String.format(Locale.ROOT, "  throughput   %,.0f %s   %,.2f MB/s%n", rate(),
                    mode.rateUnit(config.udp()), megabytesPerSecond()));
        }
        if (latency != null) {
            b.append(String.format(Locale.ROOT,
                    "  latency us   p50 %,.1f   p90 %,.1f   p99 %,.1f   p99.9 %,.1f   max %,.1f   (%,d samples%s)%n",
                    micros(50), micros(90), micros(99), micros(99.9), latency.getMaxValue() / 1e3,
                    latency.getTotalCount(), config.rate() > 0 ? ", from the scheduled send times" : ""));
        }
        b.append(String.format(Locale.ROOT,
                "  errors       %d   (mismatches %d, conn errors %d, connect failures %d, timeouts %d", errors,
                mismatches, connErrors, connectFailures, timeouts));
        if (config.udp()) {
            b.append(String.format(Locale.ROOT, ", refused %d)%n  datagrams    sent %,d   lost %,d (%.3f%%)   late %,d%n",
                    refused, sent, lost, lossPercent(), late));
        } else if (mode == Mode.SINK) {
            b.append(String.format(Locale.ROOT, ", bytes sent back %d)%n", extraBytes));
        } else {
            b.append(String.format(Locale.ROOT, ")%n"));
        }
        return b.toString();
    }

    /** One JSON object on one line; the same keys for every mode ({@code latency_us} is null for bulk modes). */
    String json() {
        StringBuilder b = new StringBuilder("{");
        field(b, "mode", quote(config.mode().fullName(config.udp())));
        field(b, "service", quote(config.service()));
        field(b, "protocol", quote(config.udp() ? "udp" : "tcp"));
        field(b, "host", quote(config.host()));
        field(b, "address", quote(config.address().getHostAddress()));
        field(b, "port", config.target().getPort());
        field(b, "transport", quote(transport));
        field(b, "connections", config.connections());
        field(b, "size", config.size());
        field(b, "threads", config.threads());
        field(b, "duration_s", fixed(seconds, 3));
        field(b, "warmup_s", fixed(config.warmup().toNanos() / 1e9, 3));
        field(b, "rate_target", config.rate());
        field(b, "messages", messages);
        field(b, "msg_per_s", fixed(rate(), 1));
        field(b, "bytes", bytes);
        field(b, "mb_per_s", fixed(megabytesPerSecond(), 3));
        field(b, "errors", errors);
        field(b, "mismatches", mismatches);
        field(b, "conn_errors", connErrors);
        field(b, "connect_failures", connectFailures);
        field(b, "timeouts", timeouts);
        field(b, "refused", refused);
        field(b, "extra_bytes", extraBytes);
        field(b, "sent", sent);
        field(b, "lost", lost);
        field(b, "late", late);
        field(b, "loss_pct", fixed(lossPercent(), 3));
        if (latency == null) {
            b.append("\"latency_us\":null");
        } else {
            b.append("\"latency_us\":{");
            field(b, "count", latency.getTotalCount());
            field(b, "p50", fixed(micros(50), 1));
            field(b, "p90", fixed(micros(90), 1));
            field(b, "p99", fixed(micros(99), 1));
            field(b, "p999", fixed(micros(99.9), 1));
            field(b, "mean", fixed(latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1e3, 1));
            b.append("\"max\":").append(fixed(latency.getMaxValue() / 1e3, 1)).append('}');
        }
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String key, Object value) {
        b.append('"').append(key).append("\":").append(value).append(',');
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The target as {@code address:port}, IPv6 in brackets. */
    static String hostPort(BenchConfig config) {
        String a = config.address().getHostAddress();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + config.target().getPort();
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
