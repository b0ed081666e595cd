package io.inetty.bench;

import java.util.Locale;

/** A {@link Result} as one JSON object, written by hand with stable keys (no JSON library in the jar). */
final class ResultJson {
    private ResultJson() {
    }

    static String of(Result r) {
        BenchConfig config = r.config;
        StringBuilder b = new StringBuilder("{");
        field(b, "mode", quote(config.mode.fullName(config.udp)));
        field(b, "service", quote(config.service));
        field(b, "protocol", quote(config.udp ? "udp" : "tcp"));
        field(b, "host", quote(config.host));
        field(b, "address", quote(config.address().getHostAddress()));
        field(b, "port", config.target.getPort());
        field(b, "transport", quote(r.transport));
        field(b, "connections", config.connections);
        field(b, "size", config.size);
        field(b, "threads", config.threads);
        field(b, "duration_s", fixed(r.seconds, 3));
        field(b, "warmup_s", fixed(config.warmup.toNanos() / 1e9, 3));
        field(b, "rate_target", config.rate);
        field(b, "sent", r.sent);
        field(b, "messages", r.messages);
        field(b, "msg_per_s", fixed(r.rate(), 1));
        field(b, "bytes", r.stats.bytes.sum());
        field(b, "mb_per_s", fixed(r.megabytesPerSecond(), 3));
        field(b, "lost", r.stats.lost.sum());
        field(b, "late", r.stats.late.sum());
        field(b, "loss_pct", fixed(r.lossPercent(), 3));
        field(b, "errors", r.errors);
        field(b, "mismatches", r.stats.mismatches.sum());
        field(b, "conn_errors", r.stats.connErrors.sum());
        field(b, "connect_failures", r.stats.connectFailures.sum());
        field(b, "timeouts", r.stats.timeouts.sum());
        field(b, "no_reply", r.stats.noReply.sum());
        field(b, "refused", r.stats.refused.sum());
        field(b, "extra_bytes", r.stats.extraBytes.sum());
        if (r.latency == null) {
            return b.append("\"latency_us\":null}").toString();
        }
        b.append("\"latency_us\":{");
        field(b, "count", r.latency.getTotalCount());
        field(b, "p50", fixed(r.micros(50), 1));
        field(b, "p90", fixed(r.micros(90), 1));
        field(b, "p99", fixed(r.micros(99), 1));
        field(b, "p999", fixed(r.micros(99.9), 1));
        field(b, "mean", fixed(r.latency.getTotalCount() == 0 ? 0 : r.latency.getMean() / 1e3, 1));
        return b.append("\"max\":").append(fixed(r.latency.getMaxValue() / 1e3, 1)).append("}}").toString();
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
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + config.target.getPort();
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
