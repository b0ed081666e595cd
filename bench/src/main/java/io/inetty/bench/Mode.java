package io.inetty.bench;

import java.util.Locale;

/** What a bench run does; each mode belongs to one service (the same modes as the neutral C loadgen). */
public enum Mode {
    /** Send a message, wait for its exact echo, repeat (echo; also over UDP). Latency per round trip. */
    PINGPONG("echo", 64, true),
    /** Write chunks continuously and verify the echo, with at most a window of unechoed bytes (echo). */
    STREAM("echo", 16 * 1024, false),
    /** Connect, send one message, read its echo, close; repeat (echo). Latency of the whole cycle. */
    CHURN("echo", 64, true),
    /** Write continuously; any byte sent back is an error (discard). */
    SINK("discard", 16 * 1024, false),
    /** Read continuously and check the RFC 864 pattern (chargen). */
    SOURCE("chargen", 0, false);

    /** The service the mode talks to. */
    final String service;
    /** The default {@code --size}: message or chunk bytes (0: not used). */
    final int defaultSize;
    /** Whether the mode measures a latency per message (or per connection, for churn). */
    final boolean latency;

    Mode(String service, int defaultSize, boolean latency) {
        this.service = service;
        this.defaultSize = defaultSize;
        this.latency = latency;
    }

    /** The service the mode talks to: echo, discard or chargen. */
    public String service() {
        return service;
    }

    /** The default mode of a service, or null if bench does not know the service. */
    public static Mode defaultFor(String service) {
        switch (service) {
            case "echo":
                return PINGPONG;
            case "discard":
                return SINK;
            case "chargen":
                return SOURCE;
            default:
                return null;
        }
    }

    /** Whether the server answers (all but sink): a run without any answer is an error. */
    boolean expectsReplies() {
        return this != SINK;
    }

    /** Whether the figure of merit is bytes per second rather than messages (or connections) per second. */
    boolean bulk() {
        return this == STREAM || this == SINK || this == SOURCE;
    }

    /** The unit of the message rate. */
    String rateUnit(boolean udp) {
        return this == CHURN ? "conn/s" : udp ? "pkt/s" : "msg/s";
    }

    /** The name as typed on the command line, e.g. {@code pingpong}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loadgen-style name, e.g. {@code tcp-pingpong}, {@code udp-pingpong}. */
    String fullName(boolean udp) {
        return (udp ? "udp-" : "tcp-") + label();
    }
}
